package web

// Words is words, for the tests that hold search.js to it.
var Words = words

// ChunkSize is chunkSize, for the test of the search index's files.
const ChunkSize = chunkSize
