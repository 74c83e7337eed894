import type { Express } from 'express';

/**
 * A small reference page for people, rendered in the browser from /api/openapi.json. Self-contained
 * (no CDN: deployments may have no Internet), and its script is a separate file so the default
 * Content-Security-Policy (`script-src 'self'`) holds.
 */
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Accolade API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f7f8fa; }
  header { background: #16324f; color: #fff; padding: 1rem 2rem; }
  header h1 { margin: 0; font-size: 1.4rem; }
  main { max-width: 70rem; margin: 0 auto; padding: 1rem 2rem 4rem; }
  h2 { margin-top: 2rem; border-bottom: 2px solid #d5dae3; text-transform: capitalize; }
  details { background: #fff; border: 1px solid #d5dae3; border-radius: 6px; margin: .5rem 0; }
  summary { cursor: pointer; padding: .5rem .8rem; display: flex; gap: .8rem; align-items: baseline; }
  .m { font: bold 12px monospace; padding: 2px 6px; border-radius: 4px; color: #fff; min-width: 4em; text-align: center; }
  .get { background: #2b7a3d; } .post { background: #1f5fa8; } .put { background: #8a5a00; }
  .patch { background: #6b3fa0; } .delete { background: #a82a2a; }
  .p { font-family: monospace; font-weight: 600; }
  .s { color: #4a5568; }
  .body { padding: .3rem 1rem 1rem; border-top: 1px solid #e6e9ef; }
  .auth { font-size: 12px; color: #6b7280; margin-left: auto; }
  pre { background: #f1f3f7; padding: .6rem; overflow: auto; border-radius: 4px; font-size: 12.5px; }
  table { border-collapse: collapse; } td, th { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid #eee; }
</style>
</head>
<body>
<header><h1 id="title">Accolade API</h1><div id="desc"></div></header>
<main id="root"><p>Loading <a href="/api/openapi.json">/api/openapi.json</a>…</p></main>
<script src="/api/docs/app.js"></script>
</body>
</html>
`;

const js = `'use strict';
(function () {
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.append(c && c.nodeType ? c : document.createTextNode(String(c))); });
    return e;
  }
  function resolve(doc, s, depth) {
    if (!s || typeof s !== 'object' || depth > 6) return s;
    if (Array.isArray(s)) return s.map(function (x) { return resolve(doc, x, depth + 1); });
    if (typeof s.$ref === 'string' && s.$ref.indexOf('#/components/schemas/') === 0) {
      var name = s.$ref.slice('#/components/schemas/'.length);
      var target = doc.components.schemas[name];
      return depth > 3 ? { $ref: name } : resolve(doc, target, depth + 1);
    }
    var out = {};
    Object.keys(s).forEach(function (k) { out[k] = resolve(doc, s[k], depth + 1); });
    return out;
  }
  function schemaBlock(doc, schema) { return el('pre', {}, [JSON.stringify(resolve(doc, schema, 0), null, 2)]); }
  function render(doc) {
    document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
    document.getElementById('desc').textContent = doc.info.description || '';
    var root = document.getElementById('root');
    root.textContent = '';
    root.append(el('p', {}, ['OpenAPI ' + doc.openapi + ' document: ', el('a', { href: '/api/openapi.json' }, ['/api/openapi.json'])]));
    var byTag = {};
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method];
        (op.tags && op.tags.length ? op.tags : ['other']).forEach(function (t) {
          (byTag[t] = byTag[t] || []).push({ path: path, method: method, op: op });
        });
      });
    });
    Object.keys(byTag).forEach(function (tag) {
      root.append(el('h2', {}, [tag]));
      byTag[tag].forEach(function (r) {
        var op = r.op;
        var who = op.security && op.security.length === 0 ? 'public' : (op['x-roles'] ? op['x-roles'].join(', ') : 'any user');
        var body = el('div', { class: 'body' }, []);
        if (op.description) body.append(el('p', {}, [op.description]));
        if (op.parameters && op.parameters.length) {
          var rows = op.parameters.map(function (p) {
            return el('tr', {}, [el('td', {}, [el('code', {}, [p.name])]), el('td', {}, [p.in]), el('td', {}, [p.required ? 'required' : '']),
              el('td', {}, [JSON.stringify(p.schema)])]);
          });
          body.append(el('h4', {}, ['Parameters']), el('table', {}, rows));
        }
        if (op.requestBody) {
          Object.keys(op.requestBody.content).forEach(function (ct) {
            body.append(el('h4', {}, ['Body (' + ct + ')']), schemaBlock(doc, op.requestBody.content[ct].schema));
          });
        }
        body.append(el('h4', {}, ['Responses']));
        Object.keys(op.responses).forEach(function (status) {
          var resp = op.responses[status];
          body.append(el('div', {}, [el('strong', {}, [status]), ' ', resp.description || '']));
          var content = resp.content || {};
          Object.keys(content).forEach(function (ct) {
            if (content[ct].schema && Number(status) < 400) body.append(schemaBlock(doc, content[ct].schema));
          });
        });
        root.append(el('details', {}, [
          el('summary', {}, [el('span', { class: 'm ' + r.method }, [r.method.toUpperCase()]), el('span', { class: 'p' }, [r.path]),
            el('span', { class: 's' }, [op.summary || '']), el('span', { class: 'auth' }, [who])]),
          body,
        ]));
      });
    });
  }
  fetch('/api/openapi.json').then(function (r) { return r.json(); }).then(render, function (e) {
    document.getElementById('root').textContent = 'Could not load the API description: ' + e;
  });
})();
`;

export function mountDocs(app: Express): void {
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(html);
  });
  app.get('/api/docs/app.js', (_req, res) => {
    res.type('application/javascript').send(js);
  });
}
