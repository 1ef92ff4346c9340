/** The text of `laminar kernel --help`. */
export const KERNEL_HELP = `Usage:
  laminar kernel install [--user | --sys-prefix | --prefix DIR] [--name NAME]
  laminar kernel uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]
  laminar kernel --connection-file FILE

install writes the kernelspec of the LaminarDB Jupyter kernel ("LaminarDB (streaming
SQL)"), so that JupyterLab, Notebook, VS Code and nbclient offer it; uninstall removes it.

Options:
  --user            for this user (the default): JUPYTER_DATA_DIR, or the user's Jupyter
                    data folder (~/.local/share/jupyter on Linux)
  --sys-prefix      in the Python environment that runs Jupyter (sys.prefix/share/jupyter);
                    --python PYTHON names its interpreter (default: the one of 'jupyter')
  --prefix DIR      in DIR/share/jupyter
  --name NAME       the kernel's name (default: laminardb)
  -f, --connection-file FILE
                    run the kernel on the sockets FILE names (Jupyter does this)
  -h, --help        show this help
`;
