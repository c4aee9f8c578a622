/**
 * The report's stylesheet, screen and print alike: A4 pages, the appendix on
 * a page of its own, and no table row or step box cut across two pages.
 */
export const REPORT_CSS = `
body{font:13px/1.45 system-ui,"Segoe UI","Noto Sans","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#111;margin:24px auto;max-width:980px;padding:0 16px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:20px 0 6px;border-bottom:1px solid #ccc}
h3{font-size:13px;margin:0;display:flex;justify-content:space-between;gap:12px}
.verdict{font-size:18px;font-weight:700;padding:6px 12px;border-radius:4px;display:inline-block;margin:8px 0}
.pass{color:#0a6b2d}.fail{color:#b00020}.none,.info,.interrupted,.running,.skipped{color:#8a5a00}
.verdict.pass{background:#e3f4e8}.verdict.fail{background:#fde7ea}.verdict.none{background:#fff3d6}
.summary{display:grid;grid-template-columns:1fr 1fr;gap:4px 24px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0;align-content:start}dt{color:#555}dd{margin:0}
.zone{color:#555;margin:6px 0 0}
.step{border:1px solid #ddd;border-radius:4px;padding:8px 10px;margin:8px 0;break-inside:avoid}.meta{color:#555;margin:2px 0 6px}
.note{margin:4px 0 6px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:2px 6px;border-bottom:1px solid #eee;vertical-align:top}
th{color:#555;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.m col.label{width:44%}table.m col.num{width:16%}table.m col.unit{width:8%}table.m col.verdict{width:16%}
tr{break-inside:avoid}thead{display:table-header-group}
figure.wiring{margin:6px 0;break-inside:avoid}figure.wiring svg{max-width:100%;height:auto}figcaption{color:#555}
.appendix{margin-top:28px}.appendix summary{font-weight:600;cursor:pointer}
td.raw{font-family:ui-monospace,Consolas,monospace;font-size:11px;word-break:break-all}
footer{margin-top:24px;color:#666;font-size:11px}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;max-width:none;padding:0;font-size:11px;line-height:1.3}th,td{padding:1px 6px}.step{padding:5px 8px;margin:5px 0}.meta{margin:0 0 3px}a{color:inherit}.appendix{break-before:page}h2,h3{break-after:avoid}}
`
