"""The events JSON Lines of SCHEMA.md read back from the store by SPARQL alone."""

from __future__ import annotations

from graphkg.graph.vocab import PREFIXES

_EVENTS = (
    PREFIXES
    + """
SELECT ?e ?source ?n ?title ?sphere ?start ?end ?online ?participants ?first ?last WHERE {
  GRAPH ?g {
    ?e a gk:Event ; gk:rowNumber ?n ; schema:name ?title ; prov:wasDerivedFrom ?r ; gk:online ?online ;
       gk:firstLine ?first ; gk:lastLine ?last .
    ?r schema:name ?source .
    OPTIONAL { ?e gk:sectionHeader ?sphere }
    OPTIONAL { ?e schema:startDate ?start }
    OPTIONAL { ?e schema:endDate ?end }
    OPTIONAL { ?e gk:participantCount ?participants }
  }
} ORDER BY ?source ?n
"""
)


_PLACES = (
    PREFIXES
    + "SELECT ?e ?name WHERE { GRAPH ?g { ?e a gk:Event ; schema:location ?p } GRAPH graph:entities { ?p schema:name ?name } }"
)


_CODES = (
    PREFIXES
    + """
SELECT ?e ?kind ?code WHERE {
  GRAPH ?g { { ?e gk:involvesCountry ?c . BIND("countries" AS ?kind) } UNION { ?e gk:involvesRegion ?c . BIND("by_regions" AS ?kind) } }
  BIND(REPLACE(STR(?c), "^.*/", "") AS ?code)
}
"""
)


_INSTITUTIONS = (
    PREFIXES
    + """
SELECT ?e ?i ?name ?mention ?country WHERE {
  GRAPH ?g { ?e gk:participation ?m . ?m gk:institution ?i ; gk:mentionedAs ?mention . }
  GRAPH graph:entities {
    ?i skos:prefLabel ?name .
    OPTIONAL { ?i gk:country ?c . BIND(REPLACE(STR(?c), "^.*/", "") AS ?country) }
  }
} ORDER BY ?e ?m
"""
)


_AGREEMENTS = (
    PREFIXES
    + """
SELECT ?e ?am ?a ?kind ?status ?date ?number ?party WHERE {
  GRAPH ?g {
    ?e gk:agreementMention ?am . ?am gk:agreement ?a ; gk:status ?status .
    OPTIONAL { ?am gk:mentionDate ?date }
    OPTIONAL { ?am gk:mentionNumber ?number }
  }
  GRAPH graph:entities {
    ?a rdfs:label ?kind .
    OPTIONAL { ?a gk:party ?p . ?p skos:prefLabel ?party }
  }
} ORDER BY ?e ?am ?party
"""
)


def events_from_store(store) -> list[dict]:
    """The events JSON Lines records of SCHEMA.md, read from the store by SPARQL alone."""
    _, rows = store.query(_EVENTS)
    events: dict[str, dict] = {}
    for row in rows:
        events[row["e"]] = {
            "source": row["source"],
            "n": row["n"],
            "sphere": row["sphere"],
            "title": row["title"],
            "start": row["start"],
            "end": row["end"],
            "places": [],
            "online": row["online"],
            "countries": [],
            "by_regions": [],
            "institutions": [],
            "agreements": [],
            "participants": row["participants"],
            "lines": [row["first"], row["last"]],
        }
    for row in store.query(_PLACES)[1]:
        events[row["e"]]["places"].append(row["name"])
    for row in store.query(_CODES)[1]:
        events[row["e"]][row["kind"]].append(row["code"])
    for row in store.query(_INSTITUTIONS)[1]:
        events[row["e"]]["institutions"].append(
            {
                "id": row["i"],
                "name": row["name"],
                "mention": row["mention"],
                "country": row["country"],
            }
        )
    mentions: dict[str, dict] = {}
    for row in store.query(_AGREEMENTS)[1]:
        record = mentions.get(row["am"])
        if record is None:
            record = {"id": row["a"], "kind": row["kind"], "status": row["status"], "parties": [],
                      "date": row["date"], "number": row["number"]}  # fmt: skip
            mentions[row["am"]] = record
            events[row["e"]]["agreements"].append(record)
        if row["party"] and row["party"] not in record["parties"]:
            record["parties"].append(row["party"])
    for event in events.values():
        event["places"].sort()
        event["countries"].sort()
        event["by_regions"].sort()
        event["institutions"].sort(key=lambda i: i["name"])
    return list(events.values())
