"""The US states' postal and AP abbreviations ("GA", "Ga." for Georgia), as datelines and place lines write them.

A fixed table of fifty rows rather than the ``us`` package: that package brings a compiled dependency
(jellyfish) for the one lookup the added-detail check needs.
"""

from __future__ import annotations

_TABLE = """
AL Ala. Alabama|AK Alaska Alaska|AZ Ariz. Arizona|AR Ark. Arkansas|CA Calif. California|CO Colo. Colorado
CT Conn. Connecticut|DE Del. Delaware|FL Fla. Florida|GA Ga. Georgia|HI Hawaii Hawaii|ID Idaho Idaho
IL Ill. Illinois|IN Ind. Indiana|IA Iowa Iowa|KS Kan. Kansas|KY Ky. Kentucky|LA La. Louisiana|ME Maine Maine
MD Md. Maryland|MA Mass. Massachusetts|MI Mich. Michigan|MN Minn. Minnesota|MS Miss. Mississippi
MO Mo. Missouri|MT Mont. Montana|NE Neb. Nebraska|NV Nev. Nevada|NH N.H. New_Hampshire|NJ N.J. New_Jersey
NM N.M. New_Mexico|NY N.Y. New_York|NC N.C. North_Carolina|ND N.D. North_Dakota|OH Ohio Ohio|OK Okla. Oklahoma
OR Ore. Oregon|PA Pa. Pennsylvania|RI R.I. Rhode_Island|SC S.C. South_Carolina|SD S.D. South_Dakota
TN Tenn. Tennessee|TX Texas Texas|UT Utah Utah|VT Vt. Vermont|VA Va. Virginia|WA Wash. Washington
WV W.Va. West_Virginia|WI Wis. Wisconsin|WY Wyo. Wyoming|DC D.C. District_of_Columbia
"""


def _rows() -> dict[str, str]:
    found: dict[str, str] = {}
    for row in _TABLE.replace("\n", "|").split("|"):
        if row.strip():
            postal, ap, name = row.split()
            for short in (postal, ap):
                found.setdefault(short.lower().replace(".", ""), name.replace("_", " ").lower())
    return found


STATE_ABBREVIATIONS = _rows()
"""Each abbreviation, lower case and without its full stops ("ga", "nh"), to its state's name ("georgia")."""


def state_abbreviated(word: str) -> str:
    """The state a postal or AP abbreviation names ("Ga.", "GA", "N.H." -> "georgia", "new hampshire"), else ""."""
    return STATE_ABBREVIATIONS.get(word.lower().replace(".", ""), "")
