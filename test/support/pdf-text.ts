import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A PDF's text and page count as pdf-parse (pdf.js) extracts them. In a child Node process: pdf.js
 * starts its worker with a dynamic import, which Jest's module system cannot run.
 */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'st-pdf-'));
  const file = path.join(dir, 'report.pdf');
  await fs.writeFile(file, pdf);
  const script = `
    const { PDFParse } = require('pdf-parse');
    const parser = new PDFParse({ data: new Uint8Array(require('fs').readFileSync(process.argv[1])) });
    parser.getText().then(async (result) => {
      process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
      await parser.destroy();
    }, (error) => { console.error(error); process.exit(1); });`;
  try {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['-e', script, file],
        { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      ),
    );
    return JSON.parse(stdout) as { text: string; pages: number };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
