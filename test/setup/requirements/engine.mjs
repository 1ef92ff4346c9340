// Requirements of the engine's own tests: none beyond npm packages.
export const debianPackages = [];
