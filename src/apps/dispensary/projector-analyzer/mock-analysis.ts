/**
 * The reference's mock prescription analysis (Textract and LLM extraction were TODOs there too):
 * fixed patient and medications, with the file's key and size.
 */
export function mockAnalysis(fileKey: string, fileSize: number, analyzedAt: string) {
  return {
    file_key: fileKey,
    file_size: fileSize,
    patient_name: 'John Doe',
    medications: [
      { name: 'Aspirin', dosage: '500mg', quantity: 30 },
      { name: 'Ibuprofen', dosage: '200mg', quantity: 20 },
    ],
    analyzed_at: analyzedAt,
  };
}
