import { fileURLToPath } from 'node:url';
import { installKernelSpec, uninstallKernelSpec } from '../install/install.js';
import { EXIT_OK, EXIT_USER_ERROR, type ExitCode } from './exit-codes.js';
import { KERNEL_HELP } from './kernel-help.js';
import { parseKernelArgs } from './kernel-args.js';
import type { CliIo } from './run.js';

/**
 * `laminar kernel …`: run the Jupyter kernel on a connection file, or install / uninstall its
 * kernelspec. The kernel itself is loaded only when it runs, so installing stays quick.
 */
export async function kernelCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const command = parseKernelArgs(argv);
  switch (command.kind) {
    case 'help':
      await io.stdout.write(KERNEL_HELP);
      return EXIT_OK;
    case 'run': {
      const { runKernel } = await import('../kernel/main.js');
      let code: number;
      try {
        code = await runKernel(command.connectionFile);
      } catch (e) {
        // It could not start: an unreadable connection file, a port in use.
        await io.stderr.writeLines([`laminar: cannot start the kernel: ${(e as Error).message}`]);
        return EXIT_USER_ERROR;
      }
      // The kernel owns this process: end it here, whatever handles a library left open.
      process.exit(code);
      return EXIT_OK;
    }
    case 'install': {
      const mainJs = fileURLToPath(new URL('./main.js', import.meta.url));
      try {
        const dir = await installKernelSpec({ place: command.place, name: command.name, nodePath: process.execPath, mainJs });
        await io.stderr.writeLines([`Installed the LaminarDB kernel '${command.name}' in ${dir}`]);
        return EXIT_OK;
      } catch (e) {
        await io.stderr.writeLines([`laminar: cannot install the kernel: ${(e as Error).message}`]);
        return EXIT_USER_ERROR;
      }
    }
    case 'uninstall':
      try {
        const dir = await uninstallKernelSpec(command.place, command.name);
        await io.stderr.writeLines([dir === null ? `No LaminarDB kernel named '${command.name}' is installed there` : `Removed ${dir}`]);
        return EXIT_OK;
      } catch (e) {
        await io.stderr.writeLines([`laminar: cannot uninstall the kernel: ${(e as Error).message}`]);
        return EXIT_USER_ERROR;
      }
  }
}
