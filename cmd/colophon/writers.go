package main

import "colophon/internal/build"

// writers are every output colophon makes, in the order of build.Kinds.
var writers = []build.Writer{}
