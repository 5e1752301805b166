import { describe, expect, it } from 'vitest';
import { InvalidArgumentsError } from '../../../platform/errors.ts';
import { uploadExtension } from './upload-url.ts';

describe('upload URL extension (decision 5: jpg/jpeg/png/pdf only)', () => {
  it.each([
    ['prescription.jpg', undefined, 'jpg'],
    ['SCAN.JPEG', 'image/jpeg', 'jpeg'],
    ['a.b.png', 'image/png; charset=binary', 'png'],
    ['scan', 'application/pdf', 'pdf'],
    ['scan', 'IMAGE/JPEG', 'jpg'],
    ['x.jpg', 'image/jpg', 'jpg'],
  ])('%s (%s) → .%s', (fileName, contentType, extension) => {
    expect(uploadExtension(fileName, contentType)).toBe(extension);
  });

  it.each([
    ['scan.gif', undefined, 'file_name'],
    ['scan', undefined, 'file_name'],
    ['.jpg', undefined, 'file_name'],
    ['scan', 'text/plain', 'content_type'],
    ['scan.pdf', 'image/png', 'content_type'],
    ['scan.jpg', 'application/octet-stream', 'content_type'],
  ])('%s (%s) → 400 on %s', (fileName, contentType, field) => {
    const attempt = () => uploadExtension(fileName, contentType);
    expect(attempt).toThrow(InvalidArgumentsError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidArgumentsError).issues[0]?.path).toBe(field);
    }
  });
});
