// `npm start`: after the build, say which file to open, and serve dist/ on localhost for those
// who prefer a URL. Staff never need this: they double-click dist/index.html.
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const file = resolve('dist/index.html');
if (!existsSync(file)) {
  console.error('dist/index.html 不存在，请先运行 npm run build');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4173);
console.log(`\n单文件已生成：${file}`);
console.log(`直接用浏览器打开：${pathToFileURL(file).href}`);
createServer((req, res) => {
  if (req.url === '/' || req.url?.startsWith('/index.html')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    createReadStream(file).pipe(res);
  } else {
    res.writeHead(404).end();
  }
}).listen(port, '127.0.0.1', () => console.log(`或访问：http://127.0.0.1:${port}/  （Ctrl+C 结束）\n`));
