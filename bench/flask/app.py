"""The benchmarked endpoints in Flask, the framework MicroWeb follows (a reference column for bench/run.sh).

Run under gunicorn from the repository root:
    BENCH_ROOT=$PWD gunicorn -w 2 -b 127.0.0.1:5003 --chdir bench/flask app:app
"""
import os

from flask import Flask, jsonify, render_template, request

ROOT = os.environ.get("BENCH_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
app = Flask(__name__, static_folder=os.path.join(ROOT, "static"), static_url_path="/static",
            template_folder=os.path.join(ROOT, "templates"))
app.json.ensure_ascii = False
app.json.sort_keys = False

FRUTAS = [{"nombre": "manzana", "color": "verde"}, {"nombre": "banana", "color": "amarilla"}]
HAS_HOLA = os.path.exists(os.path.join(ROOT, "templates", "hola.html"))


@app.route("/")
def inicio():
    return "<p>Hola a todos!</p>"


@app.route("/datos/frutas")
def frutas():
    return jsonify(FRUTAS)


@app.route("/hola/<nombre>")
def hola_nombre(nombre):
    return f"Hello {nombre}!"


if HAS_HOLA:
    @app.route("/hola")
    def hola():
        return render_template("hola.html", nombre=request.args.get("nombre", "Daniel"))
