/** An answer of the API: its status and its JSON body (null when empty). */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/**
 * A request to the API of a running server (`url` its base) as the holder of session `token`,
 * `body` sent as JSON: the answer whatever its status. For tests that look at refusals too.
 */
export async function apiRequest<T>(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const { status, text } = await send(url, token, method, path, body);
  return { status, body: (text ? JSON.parse(text) : null) as T };
}

/**
 * {@link apiRequest} that expects a 2xx answer and returns its body; any other status throws,
 * naming the request and what the server answered.
 */
export async function apiCall<T>(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const { status, text } = await send(url, token, method, path, body);
  if (status < 200 || status > 299)
    throw new Error(`${method} ${path} answered ${status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function send(
  url: string,
  token: string,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}
