// Stand-in for the `server-only` package when Node runs our code without Next's bundler
// (tsconfig.node.json maps it here): that code is server code by definition.
export {};
