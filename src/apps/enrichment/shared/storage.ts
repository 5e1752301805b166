import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** JSON objects in the storage bucket (no ACLs: objects stay private, reads go through presigned URLs). */
export class Storage {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async putJson(key: string, value: unknown): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: JSON.stringify(value), ContentType: 'application/json' }));
  }

  /** The object's text, or undefined when there is no such key. */
  async getText(key: string): Promise<string | undefined> {
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await Body!.transformToString('utf8');
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async getJson(key: string): Promise<unknown> {
    const text = await this.getText(key);
    if (text === undefined) throw new Error(`s3://${this.bucket}/${key} does not exist`);
    return JSON.parse(text) as unknown;
  }
}
