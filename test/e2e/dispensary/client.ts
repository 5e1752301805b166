export interface Response {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

/** The dispensary HTTP API through real HTTP (fetch), as a client would call it. */
export function dispensaryClient(baseUrl: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    create: () => call('POST', '/dispenses', {}),
    get: (id: string) => call('GET', `/dispenses/${id}`),
    list: (query = '') => call('GET', `/dispenses${query}`),
    cancel: (id: string) => call('DELETE', `/dispenses/${id}`),
    addPatient: (id: string, patient: { patient_id: string; name: string }) => call('POST', `/dispenses/${id}/patient`, patient),
    addDrugs: (id: string, drugs: { drug_id: string; name: string; quantity: number }[]) => call('POST', `/dispenses/${id}/drugs`, { drugs }),
    complete: (id: string) => call('POST', `/dispenses/${id}/complete`),
    uploadUrl: (id: string, file: { file_name: string; content_type?: string }) => call('POST', `/dispenses/${id}/prescription/upload-url`, file),
  };
}

export type DispensaryClient = ReturnType<typeof dispensaryClient>;
