// Requirements of the Jupyter kernel's tests (test/kernel/) and of its benchmark: Debian's
// Jupyter packages, used through Debian's own Python (/usr/bin/python3), whatever `python3`
// comes first on PATH.
const python = (module) => ['/usr/bin/python3', '-c', `import ${module}`];

export const debianPackages = [
  { package: 'python3-jupyter-client', check: python('jupyter_client') },
  // `jupyter kernelspec` (the jupyter command itself is jupyter-core's).
  { package: 'jupyter-client', check: ['/usr/bin/jupyter-kernelspec', '--version'] },
  { package: 'jupyter-core', check: ['/usr/bin/jupyter', '--version'] },
  { package: 'python3-jupyter-kernel-test', check: python('jupyter_kernel_test') },
  { package: 'python3-jupyter-server', check: python('jupyter_server') },
  { package: 'python3-nbclient', check: python('nbclient') },
  { package: 'jupyter-nbconvert', check: ['/usr/bin/jupyter-nbconvert', '--version'] },
  // The baseline of `npm run bench` (startup and round trip beside ipykernel).
  { package: 'python3-ipykernel', check: python('ipykernel') },
];
