// The REPL's tests drive the real shell in a pseudo-terminal with tmux (send-keys, capture-pane);
// the attach test plays the notebook with a real Jupyter client, Debian's jupyter_client, run by
// Debian's own Python (/usr/bin/python3).
export const debianPackages = [
  { package: 'tmux', check: ['tmux', '-V'] },
  { package: 'python3-jupyter-client', check: ['/usr/bin/python3', '-c', 'import jupyter_client'] },
];
