"""Pure functions of the extractor: keys, repo URLs, acronym definitions, name tests."""
import pytest

from graphload.extract.acronyms import find_definitions
from graphload.extract.keys import entity_key
from graphload.extract.lexicon import is_excluded, is_name_like
from graphload.extract.repos import find_repos


@pytest.mark.parametrize("a, b", [
    ("CIFAR-10", "CIFAR10"),
    ("Variational Auto-Encoders", "variational autoencoder"),
    ("Fréchet Inception Distance", "Frechet inception distance"),
    ("normalisation layers", "Normalization layer"),
    ("GANs", "GAN"),
    ("Gaussian processes", "Gaussian process"),
])
def test_keys_fold_spelling_variants(a, b):
    assert entity_key(a) == entity_key(b)


@pytest.mark.parametrize("a, b", [("ResNet-50", "ResNet-18"), ("GPT-4", "GPT-4o"), ("loss", "los")])
def test_keys_keep_distinct_names_apart(a, b):
    assert entity_key(a) != entity_key(b)


@pytest.mark.parametrize("text, key", [
    ("Code: https://github.com/openai/pixel-cnn.", "github.com/openai/pixel-cnn"),
    ("at github.com/Owner/Repo.git)", "github.com/Owner/Repo"),
    ("see https://www.github.com/a/b/tree/main/src", "github.com/a/b"),
    ("see https://github.com/a/b/blob/main/README.md", "github.com/a/b"),
    ("(https://gitlab.com/grp/proj)", "gitlab.com/grp/proj"),
    ("https://bitbucket.org/team/repo;", "bitbucket.org/team/repo"),
    ("weights: https://huggingface.co/meta-llama/Llama-2-7b.", "huggingface.co/meta-llama/Llama-2-7b"),
    ("data: huggingface.co/datasets/allenai/c4/tree/main", "huggingface.co/datasets/allenai/c4"),
    ("demo: https://huggingface.co/spaces/org/demo!", "huggingface.co/spaces/org/demo"),
    ("models at https://huggingface.co/nvidia.", "huggingface.co/nvidia"),
    ("https://github.com/owner/ repo-name is cut by a line break", "github.com/owner/repo-name"),
])
def test_repo_urls_are_canonicalised(text, key):
    assert [m.key for m in find_repos(text)] == [key]


@pytest.mark.parametrize("text", [
    "see https://github.com/features and https://huggingface.co/docs/transformers",
    "mail me at me@github.com", "github is popular",
])
def test_pages_that_are_no_repository_are_ignored(text):
    assert find_repos(text) == []


def test_schwartz_hearst_definitions():
    text = ("We propose a conditional adversarial autoencoder (CAAE). Deep Q-Networks (DQN) and "
            "One-Versus-The-Rest (OVR) are used, as is incremental predictive coding (iPC).")
    found = {(d.long_form, d.acronym) for d in find_definitions(text)}
    assert found == {("conditional adversarial autoencoder", "CAAE"), ("Deep Q-Networks", "DQN"),
                     ("One-Versus-The-Rest", "OVR"), ("incremental predictive coding", "iPC")}
    for d in find_definitions(text):
        assert text[d.long_start:d.long_end] == d.long_form
        assert text[d.short_start:d.short_end] == d.short_form


def test_a_2_or_4_in_a_short_form_stands_for_to_or_for():
    text = ("We train a Sketch-to-photo Graph Network (S2GN) and a Learning-for-Ranking Encoder (L4RE); "
            "the ResNet (R50) is a baseline.")
    found = {(d.long_form, d.acronym) for d in find_definitions(text)}
    assert found == {("Sketch-to-photo Graph Network", "S2GN"), ("Learning-for-Ranking Encoder", "L4RE")}


def test_parentheses_that_are_no_acronym_define_nothing():
    assert find_definitions("accuracy improves (Table 2) by 3 points (95%) in 2021 (ii)") == ()


@pytest.mark.parametrize("word, expected", [
    ("pixelNeRF", True), ("GPT-4", True), ("Neuroformer", True), ("enwik8", True),
    ("Towards", False), ("3D", False), ("2024", False), ("x2013", False), ("the", False), ("Network", False),
])
def test_name_like_words(word, expected):
    assert is_name_like(word) is expected


@pytest.mark.parametrize("name", ["deep learning", "Deep Neural Networks", "LLMs", "large language models",
                                  "self-supervised learning", "framework", "neural networks"])
def test_umbrella_terms_are_excluded(name):
    assert is_excluded(name)


@pytest.mark.parametrize("text, names", [
    ("Features are upsampled via bilinear interpolation before fusion.", ["bilinear interpolation"]),
    ("We compute a spectral decomposition of the graph Laplacian.", ["spectral decomposition"]),
    ("Weights are stored after float8 quantization and gradual pruning.", ["float8 quantization", "gradual pruning"]),
    ("It relies on low rank decomposition of each layer.", ["low rank decomposition"]),
    ("Training uses stochastic gradient descent with weight decay.", ["stochastic gradient descent"]),
    ("We enable orthogonal projection of the gradients.", ["orthogonal projection"]),
    ("Codes come from a k-sparse autoencoder and contractive auto-encoders.",
     ["k-sparse autoencoder", "contractive auto-encoders"]),
    ("Sinograms are inverted with the Radon transform and a fast Fourier transform.",
     ["Radon transform", "fast Fourier transform"]),
    ("Tokens are mixed by channel attention and low-rank attention.", ["channel attention", "low-rank attention"]),
    ("Samples are drawn with experience replay and importance weighting.", ["experience replay", "importance weighting"]),
    ("It uses dropout and Gaussian noise injection; we run value iteration.", ["Gaussian noise injection", "value iteration"]),
    ("Categories pass a one-hot encoder, views a momentum encoder and a Siamese decoder.",
     ["one-hot encoder", "momentum encoder", "Siamese decoder"]),
])
def test_technique_heads_name_lower_case_techniques(text, names):
    from graphload.extract.rules import technique_phrases
    assert [c.text for c in technique_phrases(text)] == names


@pytest.mark.parametrize("text", [
    "An efficient encoding is needed.",                     # a rating, not a name
    "We perform quantization after training.",               # a verb before the head
    "The networks transform the input into tokens.",          # "transform" is the verb here
    "Results on video frame interpolation improve.",          # a task
    "We study image encoding for retrieval.",                 # a task
    "It needs a priori decompositions of the domain.",        # a Latin phrase
    "We apply a simple yet robust weighted sparse kernel regularization.",  # a description, not a name
    "A vanilla autoencoder and a two-layer autoencoder are baselines.",      # ratings and sizes
    "The topic has gained significant attention and deserves close attention.",  # idioms
    "The loss is logged per iteration and at the next iteration.",                 # when, not how
    "A neural encoder feeds a shared decoder and a pretrained encoder.",            # a part, described
    "We train a text compression encoder with an autoregressive decoder.",          # two words describe a part
])
def test_technique_heads_skip_descriptions_tasks_and_verbs(text):
    from graphload.extract.rules import technique_phrases
    assert technique_phrases(text) == []


@pytest.fixture(scope="module")
def nlp():
    from graphload.extract.pipeline import build_pipeline
    return build_pipeline()


@pytest.mark.parametrize("text, measured", [
    ("The selector runs at inference time.", False),
    ("Our method cuts inference time by 40%.", True),
    ("Transformers have a huge number of parameters.", False),
    ("Pruning reduces the number of parameters tenfold.", True),
    ("Embeddings are stored in float32 precision.", False),
    ("Weights kept in 16-bit precision lose little.", False),
    ("It reaches a precision of 0.91 and a recall of 0.88.", True),
])
def test_metric_words_that_say_when_how_big_or_which_format_are_no_metric(nlp, text, measured):
    found = {e.name for e in nlp(text)._.graphload_entities if e.type == "metric"}
    assert bool(found & {"inference time", "number of parameters", "precision"}) is measured


def test_a_technique_opening_a_sentence_is_named_in_lower_case():
    from graphload.extract.rules import technique_phrases
    [found] = technique_phrases("Spectral clustering groups the nodes.")
    assert (found.text, found.name) == ("Spectral clustering", "spectral clustering")


@pytest.mark.parametrize("text, reported", [
    ("The baseline requires long training time.", False),
    ("Our codec keeps a low memory footprint.", False),
    ("Pruning cuts training time by 40% on one GPU.", True),
    ("We compare the models in terms of memory footprint.", True),
    ("It halves the number of parameters.", True),
    ("The number of parameters matters for scaling. It is 7B here.", False),   # the number is in another sentence
    ("Distillation trains 3 times faster.", False),                             # no cost metric named at all
])
def test_costs_are_metrics_where_the_sentence_reports_them(nlp, text, reported):
    found = {e.name for e in nlp(text)._.graphload_entities if e.type == "metric"}
    assert bool(found & {"training time", "memory footprint", "number of parameters"}) is reported


def test_camel_case_names_match_in_any_case_unless_they_spell_a_word(nlp):
    found = {(e.type, e.name) for e in nlp("We train XGboost on Imagenet and run a multiple-choice test.")._.graphload_entities}
    assert {("method", "XGBoost"), ("dataset", "ImageNet")} <= found
    assert not any(name == "MultiPL-E" for _, name in found)   # "multiple" in lower case


def test_coordinated_editions_name_each_edition(nlp):
    found = {(e.type, e.name) for e in nlp("Models are tested on SemEval 2016 and 2017 tasks.")._.graphload_entities}
    assert {("dataset", "SemEval 2016"), ("dataset", "SemEval 2017")} <= found
    assert not [e for e in nlp("As Smith 2019 and 2020 argue, it works.")._.graphload_entities]


def test_a_lower_case_kind_of_data_defined_before_a_dataset_word_is_no_dataset(nlp):
    found = {e.name for e in nlp("We pool three motor imagery (MI) datasets and the Street View House Numbers "
                                 "(SVHN) dataset.")._.graphload_entities}
    assert not any("imagery" in name or name == "MI" for name in found)
    assert any("Street View House Numbers" in name or name == "SVHN" for name in found)


@pytest.mark.parametrize("title, names", [
    ("Looped Transformers as Programmable Computers", ["Looped Transformers"]),
    ("KITE: Prototypical Memory Networks for Image Captioning", ["Prototypical Memory Networks"]),
    ("Learning Visual Representations via Physical Interactions", []),   # a gerund: what the paper does
    ("Efficient Transformers for Long Documents", []),                 # a rating, not a name
    ("Why Are Transformers Good for Tables", []),                       # a question
    ("Sparse Operator Connects Slow-Fast Networks for Context", []),   # a clause
])
def test_a_title_opening_with_a_name_and_what_it_is_for(title, names):
    from graphload.extract.rules import title_names
    assert [c.text for c in title_names(title, len(title))] == names


def test_a_two_word_vocabulary_name_matches_when_hyphenated(nlp):
    found = {e.name for e in nlp("We drop the skip-connections and add a gradient-descent step.")._.graphload_entities}
    assert {"residual connections", "gradient descent"} <= found


def test_a_titles_expansion_does_not_run_past_the_name_into_a_preposition():
    from graphload.extract.acronyms import prefix_expansion
    # the letters of FINR are found up to "for", which is no part of a name
    assert prefix_expansion("FINR", "Functional Zorbic Decomposition for Implicit Neural Quadrics") is None
