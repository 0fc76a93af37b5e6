package web

// Words is words, for the tests that hold search.js to it.
var Words = words
