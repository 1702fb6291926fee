"""Canonical keys: the same thing written two ways gets one key.

A key folds case, accents, hyphens, spaces and punctuation, regular plurals
and British spellings, so `CIFAR-10` = `CIFAR10` and `Variational
Auto-Encoders` = `variational autoencoder`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# British -> American endings papers mix freely ("normalisation", "modelling").
_SPELLING = (
    (re.compile(r"isation$"), "ization"),
    (re.compile(r"ise$"), "ize"),
    (re.compile(r"ised$"), "ized"),
    (re.compile(r"ising$"), "izing"),
    (re.compile(r"elling$"), "eling"),
    (re.compile(r"elled$"), "eled"),
    (re.compile(r"our$"), "or"),
)
_NO_SINGULAR = {"bias", "gaussians", "lens", "analysis", "basis", "loss", "class", "process",
                "mass", "virus", "corpus", "status", "focus", "census", "axis", "thesis",
                "hypothesis", "diagnosis", "synthesis", "genesis", "ours", "series", "species",
                "physics", "mathematics", "statistics", "dynamics", "kinetics", "graphics",
                "robotics", "linguistics", "genomics", "news", "plus", "minus", "bayes",
                "gauss", "boltzmann", "atlas", "chaos", "cosmos", "lasso", "jeans"}
_EXCEPTIONS = {"ies": "y", "ses": "s", "xes": "x"}
# "Mixture of Experts", "Learning to Rank": a plural after these words is part of the name.
KEEP_PLURAL_AFTER = frozenset({"of", "for", "with", "to", "from", "and", "on", "in", "by", "over"})
# Greek letters as papers spell them out: β-VAE = beta-VAE, μP = muP, α-entmax = alpha-entmax.
_GREEK = str.maketrans({letter: f" {name} " for letters, name in (
    ("α", "alpha"), ("β", "beta"), ("γ", "gamma"), ("δ", "delta"), ("εϵ", "epsilon"), ("ζ", "zeta"), ("η", "eta"),
    ("θϑ", "theta"), ("ι", "iota"), ("κ", "kappa"), ("λ", "lambda"), ("μ", "mu"), ("ν", "nu"), ("ξ", "xi"),
    ("ο", "omicron"), ("πϖ", "pi"), ("ρϱ", "rho"), ("σς", "sigma"), ("τ", "tau"), ("υ", "upsilon"), ("φϕ", "phi"),
    ("χ", "chi"), ("ψ", "psi"), ("ω", "omega")) for letter in letters})


# A "v" before a version number that ends a word: SQuAD v2.0 = SQuAD 2.0, LLaVA-v1.5 = LLaVA-1.5,
# DeBERTaV3 = DeBERTa-v3 = DeBERTa 3. Not inside a word (wav2vec, DIV2K) nor an upper-case V after
# capitals (AV1, RCV1), where the V is a letter of the name.
_VERSION_V = re.compile(r"(?<![0-9])[vV](?=\d+(?:\.\d+)*\+?(?!\w))")


def _without_version_v(text: str) -> str:
    def drop(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else " "
        if not before.isalnum() or before.isalpha() and (match.group() == "v" or before.islower()):
            return ""
        return match.group()
    return _VERSION_V.sub(drop, text) if "v" in text or "V" in text else text


def fold_accents(text: str) -> str:
    """Drop accents: Fréchet -> Frechet."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def singular(word: str) -> str:
    """A lower-case word without its regular plural ending.

    >>> [singular(w) for w in ["networks", "gans", "vaes", "studies", "loss", "flows"]]
    ['network', 'gan', 'vae', 'study', 'loss', 'flow']
    """
    if len(word) <= 3 or word in _NO_SINGULAR or not word[-1] == "s" or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("us") or word.endswith("is"):
        return word
    return word[:-1]


def _american(word: str) -> str:
    if len(word) < 6:
        return word
    for pattern, replacement in _SPELLING:
        if pattern.search(word):
            return pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=200_000)
def entity_key(text: str) -> str:
    """The canonical key of a name.

    >>> entity_key("Variational Auto-Encoders"), entity_key("CIFAR-10"), entity_key("Fréchet Inception Distance")
    ('variationalautoencoder', 'cifar10', 'frechetinceptiondistance')
    >>> entity_key("β-VAE") == entity_key("beta-VAE"), entity_key("μP") == entity_key("muP")
    (True, True)
    >>> entity_key("SQuAD v2.0") == entity_key("SQuAD 2.0"), entity_key("wav2vec"), entity_key("AV1")
    (True, 'wav2vec', 'av1')
    """
    # "PixelCNN++" and "DeepLabv3+" are other models than "PixelCNN" and "DeepLabv3".
    return "".join(name_words(_without_version_v(text).replace("++", " pp ").replace("+", " plus ")))


def _is_acronym_ending_in_s(word: str) -> bool:
    """DARTS, TRADES, LPIPS, 3DGS: a capital S after capitals is a letter of the acronym (its plural
    is written with a small s: GANs), so the word keeps it. DARTS is not DART, nor TRADES TraDE."""
    return len(word) > 3 and word[-1] == "S" and word.isupper()


def name_words(text: str) -> list[str]:
    """The folded words of a name, for head-word checks: "Deep Belief Networks" -> [..., "network"].

    >>> name_words("DARTS"), name_words("MCTS planners"), name_words("DEEP BELIEF NETWORKS")
    (['darts'], ['mcts', 'planner'], ['deep', 'belief', 'network'])
    """
    # A name all in capitals over several words is a shouting title's, whose plurals are plurals.
    acronyms_kept = not text.isupper() or len(text.split()) == 1
    words = []
    for word in _WORD.findall(fold_accents(text)):
        keep = acronyms_kept and _is_acronym_ending_in_s(word)
        words.extend(_american(w if keep else singular(w)) for w in _WORD.findall(word.casefold().translate(_GREEK)))
    return words
