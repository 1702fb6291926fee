"""Word lists the rules consult: everyday English, excluded names, head words.

Head words say what a name denotes: `Deep Belief Networks` ends in a method
head, `Stanford Sentiment Treebank` in a dataset head, `Dice score` in a
metric head. They describe how papers name things, not any one paper.
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

from graphload.extract.keys import entity_key, name_words

METHOD_HEADS = frozenset("""
network net model autoencoder encoder decoder transformer machine learning algorithm optimization
optimizer regression analysis search sampling sampler attention flow field representation estimation
estimator kernel process descent propagation backpropagation inference distillation training tuning
finetuning fine-tuning adaptation embedding encoding coding quantization pruning clustering decomposition
factorization classifier filter policy operator unit layer gan perceptron mechanism architecture
module block prompting generation augmentation regularization normalization dropout memory tree forest
machine boosting bagging ensemble method framework approach technique strategy scheme procedure solver
descent interpolant interpolation transform transformation convolution pooling activation objective
diffusion splatting rendering retrieval tokenizer tokenization vae mlp cnn rnn lstm gnn rl-algorithm
""".split())
DATASET_HEADS = frozenset("dataset database benchmark corpus treebank suite collection bank challenge".split())
METRIC_HEADS = frozenset("""
score accuracy error distance divergence index coefficient metric measure ratio precision recall
likelihood log-likelihood correlation gain rate auc f1 perplexity similarity
""".split())
# Lower-case words a metric name may open with ("test accuracy", "top-1 error").
METRIC_MODIFIERS = frozenset("""
test train training validation top-1 top-5 classification generalization reconstruction prediction
ranking mean average relative absolute squared balanced zero-shot few-shot linear-probe probing retrieval
segmentation detection word character bit symbol out-of-sample in-sample cross-validation held-out
""".split())


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Everyday English words (shipped list, see scripts/make-english-words)."""
    path = resources.files("graphload.extract") / "patterns" / "english-words.txt.gz"
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as f:
        return frozenset(f.read().split())


@lru_cache(maxsize=1)
def excluded_keys() -> frozenset[str]:
    """Keys of the umbrella and generic names that are never entities."""
    text = (resources.files("graphload.extract") / "patterns" / "excluded.txt").read_text(encoding="utf-8")
    return frozenset(entity_key(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=100_000)
def is_excluded(name: str) -> bool:
    return entity_key(name) in excluded_keys()


# Numbers, units, years, roman numerals and the remains of HTML/LaTeX escapes (x2013, u00e9).
_NUMBERISH = re.compile(r"^(?:\d+(?:\.\d+)?(?:[a-zA-Z]{0,2}|%)|\d{4}s?|[ivxlc]+|[IVXLC]+|[xu][0-9a-fA-F]{2,4}|\d+[xX]\d*)$")


@lru_cache(maxsize=100_000)
def is_name_like(word: str, *, sentence_start: bool = False) -> bool:
    """A word that reads as a proper name of a thing, not an everyday word.

    >>> [is_name_like(w) for w in ["pixelNeRF", "GPT-4", "Neuroformer", "Towards", "3D", "enwik8", "the"]]
    [True, True, True, False, False, True, False]
    """
    core = word.strip("()[],.;:\"'")
    if len(core) < 2 or not any(c.isalpha() for c in core) or _NUMBERISH.match(core):
        return False
    if any(c.isupper() for c in core[1:]):           # CamelCase, ACRONYM, pixelNeRF, iPC
        return True
    if any(c.isdigit() for c in core):               # enwik8, ResNet18
        return True
    if core[0].isupper() and not sentence_start:
        parts = [p for p in re.split(r"[-+]", core.lower()) if p]
        return not all(p in english_words() for p in parts)
    return False


@lru_cache(maxsize=100_000)
def head_type(name: str) -> str | None:
    """The type a name's last word suggests: method, dataset, metric or None."""
    words = name_words(name)
    if not words:
        return None
    head = words[-1]
    if words[0] == "neural" and len(words) > 1 and head not in DATASET_HEADS:
        return "method"  # "neural stochastic differential equations" names a model
    if head in METRIC_HEADS:
        return "metric"
    if head in DATASET_HEADS:
        return "dataset"
    if head in METHOD_HEADS:
        return "method"
    return None


# Name-shaped words that name organisations, platforms, software and hardware, not methods or datasets:
# a word's shape alone (CamelCase, letters with digits) must not make them entities.
_NOT_NAMES = frozenset(entity_key(w) for w in """
OpenAI DeepMind GitHub GitLab HuggingFace PyTorch TensorFlow TensorRT JavaScript TypeScript YouTube LinkedIn
arXiv LaTeX MATLAB iPhone iPad macOS iOS PhD MSc BSc McDonald PlayStation SciPy NumPy OpenCV OpenMP CUDA
PyPI DeepSpeed WeChat TikTok ORCID
x86 ARMv8 ARMv7 AArch64 RISC-V FPGA ASIC LiDAR RGB-D mmWave HoloLens
""".split())


@lru_cache(maxsize=100_000)
def is_not_a_name(word: str) -> bool:
    """An organisation, platform, venue, modality or piece of software/hardware that looks like a model's name."""
    from graphload.extract.vocab import non_entity_keys  # vocab reads pattern files; keep this module light
    key = entity_key(word)
    return key in _NOT_NAMES or key in non_entity_keys()
