# Serves a page whose script posts multipart bodies (FormData through fetch, then a plain form submit) back to
# this server, which keeps each body and its Content-Type in out/<name>/. Usage: python3 capture-chromium.py PORT
# then: chromium --headless --no-sandbox --virtual-time-budget=8000 --dump-dom http://127.0.0.1:PORT/page
# (red.png and green.png: the two images beside this script).
import http.server, base64, json, sys, os
red = base64.b64encode(open('red.png','rb').read()).decode()
green = base64.b64encode(open('green.png','rb').read()).decode()
PAGE = """<!doctype html><html><body>
<form id=f method=post action=/capture/chromium-form-empty-file enctype=multipart/form-data>
<input name=title value="Ma&ntilde;ana">
<textarea name=notes>line one
line two</textarea>
<input type=file name=attachment>
</form>
<pre id=out>pending</pre>
<script>
function b64(s){const b=atob(s);const a=new Uint8Array(b.length);for(let i=0;i<b.length;i++)a[i]=b.charCodeAt(i);return a;}
(async()=>{
 let fd=new FormData();
 fd.append('file1', new Blob([b64('RED')],{type:'image/png'}), 'red.png');
 fd.append('file2', new Blob([b64('GREEN')],{type:'image/png'}), 'green.png');
 fd.append('text', 'example text');
 await fetch('/capture/chromium-2png1txt',{method:'POST',body:fd});
 fd=new FormData();
 fd.append('file1', new Blob([b64('RED')],{type:'image/png'}), 'red.png');
 fd.append('text', 'long text\\r\\n--with boundary\\r\\n--lookalikes--');
 await fetch('/capture/chromium-pnglongtext',{method:'POST',body:fd});
 fd=new FormData();
 fd.append('semicolon', new Blob(['a;b'],{type:'text/plain'}), 'a;b.txt');
 fd.append('euro', new Blob(['\u20ac'],{type:'text/plain'}), '\u20ac.txt');
 fd.append('quote', new Blob(['q'],{type:'text/plain'}), 'say "hi".txt');
 fd.append('newline', new Blob(['n'],{type:'text/plain'}), 'two\\nlines.txt');
 fd.append('campo \u00f1', 'valor \u00e1\u00e9\u00ed');
 await fetch('/capture/chromium-odd-names',{method:'POST',body:fd});
 document.getElementById('f').submit();
})();
</script></body></html>""".replace('RED', red).replace('GREEN', green)
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = PAGE.encode() if self.path == '/page' else b'done'
        self.send_response(200); self.send_header('Content-Type','text/html; charset=utf-8'); self.send_header('Content-Length',str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_POST(self):
        n = int(self.headers['Content-Length']); data = self.rfile.read(n)
        name = self.path.rsplit('/',1)[1]; os.makedirs('out/'+name, exist_ok=True)
        open('out/%s/content-type.txt'%name,'w').write(self.headers['Content-Type'])
        open('out/%s/request.http'%name,'wb').write(data)
        self.send_response(200); self.send_header('Content-Length','2'); self.end_headers(); self.wfile.write(b'ok')
    def log_message(self,*a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
