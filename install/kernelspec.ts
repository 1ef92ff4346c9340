/** The kernel.json of the LaminarDB kernel (Jupyter's kernel specs). */
export interface KernelSpec {
  readonly argv: string[];
  readonly display_name: string;
  readonly language: string;
  readonly interrupt_mode: 'message' | 'signal';
  readonly metadata: Record<string, unknown>;
}

export const DISPLAY_NAME = 'LaminarDB (streaming SQL)';
export const DEFAULT_KERNEL_NAME = 'laminardb';

/**
 * argv runs the compiled CLI with the absolute path of this Node (a notebook server started
 * from a desktop may not have node on its PATH). interrupt_mode "message": interrupts come as
 * interrupt_request on the control socket, which works on every platform and through
 * remote gateways.
 */
export function kernelSpec(nodePath: string, mainJs: string): KernelSpec {
  return {
    argv: [nodePath, mainJs, 'kernel', '--connection-file', '{connection_file}'],
    display_name: DISPLAY_NAME,
    language: 'sql',
    interrupt_mode: 'message',
    metadata: { debugger: false },
  };
}

/** Kernel names are what jupyter_client accepts: letters, digits, '.', '_' and '-'. */
export function checkKernelName(name: string): string {
  if (!/^[a-z0-9._-]+$/i.test(name)) throw new Error(`a kernel name may only have letters, digits, '.', '_' and '-': '${name}'`);
  return name.toLowerCase();
}
