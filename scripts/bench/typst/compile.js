// Compiles a .typ file to PDF with typst 0.14 (the npm Node.js compiler), for the benchmark:
//   node compile.js FONT_DIR IN.typ OUT.pdf
// One process per compilation, as a user running typst would, so the times compare with
// `colophon build` as a whole.
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const fs = require('fs');
const path = require('path');

const [fontDir, input, output] = process.argv.slice(2);
const compiler = NodeCompiler.create({ workspace: path.dirname(path.resolve(input)), fontArgs: [{ fontPaths: [fontDir] }] });
const pdf = compiler.pdf({ mainFilePath: path.resolve(input) });
fs.writeFileSync(output, pdf);
