"""TBX term bases: v3 (ISO 30042:2019) and v2 (ISO 30042:2008), read into one model.

v3: ``tbx/text/body/conceptEntry/langSec/termSec/term``, in the DCA style
(``<termNote type="administrativeStatus">``) or the DCT style (a namespaced
``<basic:administrativeStatus>`` element); both namespace URIs in use
(``urn:iso:std:iso:30042:ed-2`` and ``...:ed:3.0``) are accepted, since elements are
matched by local name. v2: ``martif/text/body/termEntry/langSet/tig`` (or
``ntig/termGrp``). ``administrativeStatus`` (or the older ``normativeAuthorization``)
preferred/admitted/deprecated/superseded maps to preferred/admitted/forbidden;
``termType`` is kept. Entities and DTDs are never loaded.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from corpora.errors import DuiqiWarning

from .errors import TermBaseError
from .termbase import Term, TermBase, check_term_length, default_case_sensitive, make_concept, normalize_status

__all__ = ["read_tbx", "tbx_version"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
MAX_TBX_BYTES = 128 * 2**20
"""The largest TBX file read (it is parsed whole, as a tree: several times its size in memory)."""

_ENTRY = {"conceptEntry", "termEntry", "entry"}  # entry/langGroup/termGroup: TBX-Min
_LANG_SECTION = {"langSec", "langSet", "langGroup"}
_TERM_SECTION = {"termSec", "tig", "ntig", "termGroup"}
_STATUS_TYPES = {"administrativeStatus", "normativeAuthorization", "termStatus"}
_CASE_TYPES = {"caseSensitive", "case_sensitive", "x-caseSensitive"}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el, names: set[str]):
    return [c for c in el.iter() if c is not el and _local(c.tag) in names]


def tbx_version(root) -> int:
    """3 for a ``<tbx>`` root (also TBX-Min's ``<TBX>``), 2 for ``<martif>``; TermBaseError otherwise."""
    name = _local(root.tag)
    if name.lower() == "tbx":
        return 3
    if name == "martif":
        return 2
    raise TermBaseError(f"line {root.sourceline}: root element <{name}> is neither <tbx> (TBX v3) nor <martif> (TBX v2)")


def read_tbx(path: Path) -> TermBase:
    """Read a TBX v2 or v3 file; TermBaseError naming the file, line and element on errors."""
    from corpora.errors import CorporaError
    from corpora.xmlsafe import parse_tree

    try:
        root = parse_tree(path, "TBX", max_bytes=MAX_TBX_BYTES)
    except CorporaError as e:
        raise TermBaseError(str(e)) from None
    try:
        version = tbx_version(root)
    except TermBaseError as e:
        raise TermBaseError(f"{path}: {e}") from None
    entry_name = "conceptEntry" if version == 3 else "termEntry"
    concepts = []
    for n, entry in enumerate(el for el in root.iter() if _local(el.tag) in _ENTRY):
        concept_id = entry.get("id") or entry.get(_XML_ID) or f"e{n + 1}"
        terms = []
        for section in _children(entry, _LANG_SECTION):
            lang = (section.get(_XML_LANG) or section.get("lang") or "").strip()
            if not lang:
                raise TermBaseError(
                    f"{path}:{section.sourceline}: <{_local(section.tag)}> in {entry_name} {concept_id!r} "
                    "has no xml:lang"
                )
            for term_section in _children(section, _TERM_SECTION):
                if _local(term_section.tag) == "tig" and _local(term_section.getparent().tag) == "ntig":
                    continue
                term = _term(path, term_section, lang, concept_id)
                if term is not None:
                    terms.append(term)
        if not terms:  # real exports hold entries without (non-empty) terms: skip them, say so
            what = "only empty terms" if skipped_empty(entry) else "no terms"
            warnings.warn(f"{path}:{entry.sourceline}: <{_local(entry.tag)}> {concept_id!r} has {what}; skipped",
                          DuiqiWarning, stacklevel=2)
            continue
        concepts.append(make_concept(concept_id, terms))
    return TermBase(tuple(concepts), str(path))


def skipped_empty(entry) -> bool:
    """True when ``entry`` has <term> elements, all of them empty."""
    terms = [c for c in entry.iter() if _local(c.tag) == "term"]
    return bool(terms) and not any("".join(t.itertext()).strip() for t in terms)


def _term(path: Path, section, lang: str, concept_id: str) -> Term | None:
    term_el = next((c for c in section.iter() if _local(c.tag) == "term"), None)
    where = f"{path}:{section.sourceline}: <{_local(section.tag)}> in entry {concept_id!r}"
    if term_el is None:
        raise TermBaseError(f"{where} has no <term>")
    text = " ".join("".join(term_el.itertext()).split())
    if not text:  # real exports (SDL MultiTerm) hold empty terms: skip them, say so
        warnings.warn(f"{path}:{term_el.sourceline}: empty <term> in entry {concept_id!r} ({lang}); skipped",
                      DuiqiWarning, stacklevel=3)
        return None
    check_term_length(text, f"{path}:{term_el.sourceline}: entry {concept_id!r}")
    status_raw = None
    term_type = None
    case: bool | None = None
    notes = []
    for el in section.iter():
        name = _local(el.tag)
        kind = el.get("type", "") if name in ("termNote", "descrip", "admin") else name
        value = " ".join("".join(el.itertext()).split())
        if kind in _STATUS_TYPES:
            status_raw = value
        elif kind == "termType":
            term_type = value or None
        elif kind in _CASE_TYPES:
            case = value.lower() in ("true", "yes", "1")
        elif name == "note" and value:
            notes.append(value)
    status = normalize_status(status_raw)
    if status is None:
        raise TermBaseError(
            f"{where}: unknown administrativeStatus {status_raw!r} (expected preferredTerm-admn-sts, "
            "admittedTerm-admn-sts, deprecatedTerm-admn-sts or supersededTerm-admn-sts)"
        )
    if case is None:
        case = default_case_sensitive(text, term_type)
    return Term(text, lang, status, term_type, case, "; ".join(notes))
