import { decisionDocument, renderDocx } from '../src/documents';
import { demoDecision } from '../src/documents/demo/demo-documents';
(async () => { const m = decisionDocument(demoDecision(300)); for (let i = 0; i < 6; i++) { const t = Date.now(); await renderDocx(m); console.log(Date.now() - t); } })();
