/** The stylesheet of report.html (inline, allowed by its hash in the Content-Security-Policy). */
export const PAGE_STYLE = `
:root{--bg:#f6f7fb;--card:#fff;--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--pass:#047857;--pass-bg:#ecfdf5;--fail:#b91c1c;--fail-bg:#fef2f2;--warn-bg:#fffbeb;--warn:#92400e;--accent:#4f46e5}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:1240px;margin:0 auto;padding:24px 20px 64px}
header h1{font-size:24px;margin:0 0 4px}
.meta{color:var(--muted);font-size:13px}
.banner{background:var(--warn-bg);color:var(--warn);border:1px solid #fcd34d;border-radius:10px;padding:10px 14px;margin:16px 0;font-weight:600}
.verdict{display:flex;gap:18px;align-items:flex-start;background:var(--card);border:1px solid var(--line);border-left:6px solid var(--accent);border-radius:14px;padding:20px 22px;margin:18px 0;box-shadow:0 1px 2px rgba(15,23,42,.05)}
.verdict.pass{border-left-color:var(--pass)}.verdict.fail{border-left-color:var(--fail)}
.badge{flex:none;font-weight:700;font-size:13px;letter-spacing:.04em;border-radius:999px;padding:6px 12px;background:#eef2ff;color:var(--accent)}
.pass .badge{background:var(--pass-bg);color:var(--pass)}.fail .badge{background:var(--fail-bg);color:var(--fail)}
.verdict h2{font-size:20px;margin:0 0 8px;line-height:1.35}
.verdict ul{margin:0;padding-left:18px;color:#334155}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:16px 18px;box-shadow:0 1px 2px rgba(15,23,42,.04);overflow:auto}
.card h3{margin:0 0 10px;font-size:15px}
section{margin-top:22px}
svg.chart{width:100%;height:auto;max-width:100%}
svg text{font:12px system-ui,sans-serif;fill:#334155}
svg .axis{fill:var(--muted);font-size:11px}svg .group{font-weight:600;fill:var(--ink)}svg .value{fill:var(--muted)}svg .muted{fill:var(--muted)}
svg .grid{stroke:var(--line)}svg .axisline{stroke:#94a3b8}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:7px 8px;text-align:left;vertical-align:top}
th{color:var(--muted);font-weight:600;background:#f8fafc;position:sticky;top:0}
td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.ci{color:var(--muted);font-size:12px}
.good{color:var(--pass);font-weight:600}.bad{color:var(--fail);font-weight:600}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:10px}
.controls input,.controls select,.controls button{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:8px;background:#fff}
.controls input[type=search]{flex:1 1 260px}.controls input[type=number]{width:84px}
.count{color:var(--muted);margin-left:auto}
.text{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;max-height:260px;overflow:auto;margin:0;font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f8fafc;border-radius:8px;padding:6px 8px}
.item-id{font-weight:600;font-size:12px;color:var(--muted)}
.label{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;margin-top:6px}
.chips{display:flex;flex-wrap:wrap;gap:4px;margin-top:6px}
.chip{font-size:11.5px;border-radius:999px;padding:1px 8px;background:#f1f5f9;color:#334155}
.chip.pass{background:var(--pass-bg);color:var(--pass)}.chip.fail{background:var(--fail-bg);color:var(--fail)}.chip.err{background:var(--warn-bg);color:var(--warn)}
.reason{font-size:12px;color:#475569;margin-top:4px;overflow-wrap:anywhere}
.error{color:var(--fail);font-size:12px;overflow-wrap:anywhere}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;vertical-align:baseline}
footer{margin-top:28px;color:var(--muted);font-size:12px}
[hidden]{display:none!important}
`;
