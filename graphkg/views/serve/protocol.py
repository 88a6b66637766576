"""The SPARQL 1.1 Protocol's answers: result formats chosen by a format parameter or the Accept
header, and a bounded answer (graph/limits.py) written in the chosen one.

SELECT and ASK: JSON, CSV, TSV, XML (SPARQL 1.1 Query Results formats). CONSTRUCT and DESCRIBE:
Turtle, N-Triples. A cut answer says so in the X-Graphkg-Truncated header and, in JSON, a
"graphkg" member beside "head" and "results".
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graphkg.graph.limits import Answer
from graphkg.namespaces import NAMESPACES

RESULTS = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
}
GRAPHS = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}
ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld"}


def choose(kind: str, format_param: str | None, accept: str) -> str | None:
    """The format key for an answer of this kind ("results" or "graph"), or None when none of
    what the client accepts can be written."""
    table = RESULTS if kind == "results" else GRAPHS
    if format_param:
        key = ALIASES.get(format_param.lower(), format_param.lower())
        if key in table:
            return key
        for k, mime in table.items():
            if mime == format_param.lower():
                return k
        return None
    wanted = []
    for position, part in enumerate((accept or "*/*").split(",")):
        mime, *options = (p.strip() for p in part.split(";"))
        q = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    q = float(option[2:])
                except ValueError:
                    q = 0.0
        wanted.append((-q, position, mime.lower()))
    for negative_q, _, mime in sorted(wanted):
        if negative_q == 0:
            break
        if mime in ("*/*", "application/*", "text/*") or (
            kind == "results" and mime == "application/json"
        ):
            return "json" if kind == "results" else "ttl"
        for k, m in table.items():
            if m == mime:
                return k
    return None


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype.value != NAMESPACES["xsd"] + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype and term.datatype.value != NAMESPACES["xsd"] + "string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def write(answer: Answer, key: str) -> bytes:
    """The answer in the format key (of RESULTS for SELECT/ASK, GRAPHS for graphs)."""
    if answer.kind == "graph":
        rdf = ox.RdfFormat.TURTLE if key == "ttl" else ox.RdfFormat.N_TRIPLES
        return ox.serialize(answer.triples, format=rdf) or b""
    if key == "json":
        if answer.kind == "boolean":
            body = {"head": {}, "boolean": answer.boolean}
        else:
            bindings = [
                {
                    k: _json_term(t)
                    for k, t in zip(answer.variables, row, strict=True)
                    if t is not None
                }
                for row in answer.rows
            ]
            body = {"head": {"vars": answer.variables}, "results": {"bindings": bindings}}
        if answer.truncated:
            body["graphkg"] = {"truncated": True, "limit": answer.limit}
        return json.dumps(body, ensure_ascii=False).encode("utf-8")
    if key == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in answer.variables)
        if answer.kind == "boolean":
            inner = f"<boolean>{'true' if answer.boolean else 'false'}</boolean>"
        else:
            results = "".join(
                "<result>"
                + "".join(
                    f"<binding name={quoteattr(k)}>{_xml_term(t)}</binding>"
                    for k, t in zip(answer.variables, row, strict=True)
                    if t is not None
                )  # fmt: skip
                + "</result>"
                for row in answer.rows
            )
            inner = f"<results>{results}</results>"
        return (
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head>{inner}</sparql>"
        ).encode()
    if answer.kind == "boolean":
        return b"true\n" if answer.boolean else b"false\n"
    if key == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(answer.variables)
        writer.writerows([_csv_value(t) for t in row] for row in answer.rows)
        return buffer.getvalue().encode("utf-8")
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in answer.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def jsonld(triples: list[ox.Triple]) -> bytes:
    """Triples as JSON-LD compacted with the ontology's context (rdflib, as `graphkg export`)."""
    import rdflib

    from graphkg import resources

    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    context = json.loads(resources.ontology("context.jsonld").read_text(encoding="utf-8"))
    return graph.serialize(
        format="json-ld", context=context["@context"], auto_compact=True
    ).encode()
