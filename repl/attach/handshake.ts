import type { JsonObject } from '../../kernel/protocol/message.js';
import type { ConnectionInfo } from '../../kernel/transport/connection-file.js';
import { CommandError } from '../errors.js';
import { KernelClient, parentId } from './kernel-client.js';

/**
 * Connects to a kernel and waits until it answers: a kernel_info_request is sent (again each
 * second) until its reply has come and its status messages reach the iopub socket, so no
 * output of the first statement is lost while the subscription is still being set up.
 */
export async function connectKernel(info: ConnectionInfo, timeoutMs = 15_000): Promise<{ client: KernelClient; kernelInfo: JsonObject }> {
  const client = new KernelClient(info);
  const deadline = Date.now() + timeoutMs;
  const seen = new Set<string>();
  const off = client.onIopub((m) => {
    const id = parentId(m);
    if (m.header.msg_type === 'status' && id !== undefined) seen.add(id);
  });
  try {
    while (Date.now() < deadline) {
      const { msgId, reply } = client.request('shell', 'kernel_info_request', {});
      const answer = await Promise.race([reply, new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
      if (answer === null) continue;
      // The reply came; its status messages should be on iopub too, if we are subscribed.
      for (let i = 0; i < 10 && !seen.has(msgId); i++) await new Promise((r) => setTimeout(r, 50));
      if (seen.has(msgId)) return { client, kernelInfo: answer.content };
    }
  } finally {
    off();
  }
  client.close();
  throw new CommandError(`no kernel answers at ${info.transport}://${info.ip} (shell port ${info.shell_port}); is it still running?`);
}
