"""Rules that read how a sentence signals an entity: lists of like things, cue verbs, citations."""
import pytest


@pytest.fixture(scope="module")
def nlp():
    from graphload.extract.pipeline import build_pipeline
    return build_pipeline()


def found(nlp, text):
    return {(e.type, e.name) for e in nlp("A title\n\n" + text)._.graphload_entities}


@pytest.mark.parametrize("text, expected", [
    ("We evaluate on MNIST, Quoxel-7 and CIFAR-10.", ("dataset", "Quoxel-7")),
    ("Our codec beats JPEG, ZBLK and BPG on every image.", ("method", "ZBLK")),
    ("It plugs into MLPs, SPLINO, or other backbones.", ("method", "SPLINO")),
    ("Scores drop on ImageNet and TORVALD alike.", ("dataset", "TORVALD")),
])
def test_a_name_listed_with_a_known_entity_takes_its_type(nlp, text, expected):
    assert expected in found(nlp, text)


@pytest.mark.parametrize("text, absent", [
    ("We compare spectral PE and random features.", "PE"),             # a modifier makes a longer name of it
    ("We test on ImageNet and MIT Places.", "MIT"),                   # the name goes on past the word
    ("CNN-based and LSTM-based models are compared.", "CNN-based"),   # a use of a name, not a list item
    ("We train BERT, Adam and PyTorch.", "PyTorch"),                  # software is no method
    ("We train on ImageNet and GPUs.", "GPUs"),                       # hardware
])
def test_list_members_skip_words_that_are_not_names_in_the_list(nlp, text, absent):
    assert absent not in {name for _, name in found(nlp, text)}


def test_a_list_mixing_types_types_nothing():
    from graphload.extract.rules import list_members
    text = "on MNIST, Zorblat and BLEU"
    assert list_members(text, [(3, 8, "dataset"), (22, 26, "metric")]) == []


def test_capitalised_title_words_are_no_list_members():
    from graphload.extract.rules import list_members
    text = "Autoregressive, Quorbic, and Diffusion Models\n\nAbstract."
    assert list_members(text, [(29, 45, "method")], title_end=45) == []


@pytest.mark.parametrize("text, name", [
    ("We adopt QZRL to train the policy.", "QZRL"),
    ("The decoder is built on Zorbformer-2 blocks.", "Zorbformer-2"),
    ("Weights are trained with LAMBDO and a cosine schedule.", "LAMBDO"),
    ("Our sampler is a variant of DPMQ that skips steps.", "DPMQ"),
    ("It can be seen as an extension of RNNsearch to many steps.", "RNNsearch"),
    ("Unlike QuoNet [12], ours is small.", "QuoNet"),
    ("Unlike VEXA (Smith et al., 2019), ours is small.", "VEXA"),
])
def test_a_name_the_sentence_says_is_used_or_cited_is_a_method(nlp, text, name):
    assert ("method", name) in found(nlp, text)


@pytest.mark.parametrize("text", [
    "We bound it using the Frobenius norm.",          # a person's name before a noun
    "We train using Jacobian regularisation.",          # the same
    "We use GPUs and fp16 to train faster.",            # hardware and a number format
    "We use PyTorch for all runs.",                     # software
    "Data was collected via the U.S. census.",          # an abbreviation
    "Scores are computed using sim4 in a loop.",        # a code word, not a name
])
def test_use_cues_skip_words_that_only_look_like_names(text):
    from graphload.extract.rules import use_cues
    assert use_cues(text) == []


@pytest.mark.parametrize("text, name", [
    ("Our codec reaches 4X decoding speed on one GPU.", "decoding speed"),
    ("It shows superior ranking correlation against the baselines.", "ranking correlation"),
    ("The sampler doubles the convergence speed of training.", "convergence speed"),
    ("We bound the approximation error by 0.01.", "approximation error"),
])
def test_a_measure_named_by_what_it_measures_is_a_metric_where_it_is_reported(nlp, text, name):
    assert ("metric", name) in found(nlp, text)


@pytest.mark.parametrize("text", [
    "It runs fast while preserving accuracy.",            # a verb with its object
    "Methods reach competitive accuracy.",                 # a rating
    "We discuss the convergence speed of such schemes.",   # nothing reported or compared
    "The translation speed-quality trade-off matters.",    # a word of a compound
])
def test_reported_measures_skip_verbs_ratings_and_talk(text):
    from graphload.extract.rules import reported_measures
    assert reported_measures(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Accuracy is high on both the QuarkSet (3-class) and ZebNet (4-class) datasets.", ("dataset", "QuarkSet")),
    ("Accuracy is high on both the QuarkSet (3-class) and ZebNet (4-class) datasets.", ("dataset", "ZebNet")),
    ("We collect a dataset of circuit graphs - Circuits-2M - and release it.", ("dataset", "Circuits-2M")),
    ("We release a new corpus: WikiFoo-12 for parsing.", ("dataset", "WikiFoo-12")),
    ("We prune Pythoid-70M and Zorbix-7B to half their size.", ("method", "Pythoid-70M")),
    ("We prune Pythoid-70M and Zorbix-7B to half their size.", ("method", "Zorbix-7B")),
])
def test_the_words_around_a_name_shaped_word_type_it(nlp, text, expected):
    assert expected in found(nlp, text)


def test_a_name_trained_on_data_is_a_model_even_listed_with_a_dataset(nlp):
    assert ("method", "QuoNet-50-v2") in found(nlp, "A linear model on CIFAR-10 and QuoNet-50-v2 trained on ImageNet.")


@pytest.mark.parametrize("text, absent", [
    ("We study deep networks on non-Euclidean data sets.", "non-Euclidean"),   # a prefix makes a description
    ("We compare softmax-then-topK routing with others.", "softmax-then-topK"),  # words joined by "then"
    ("Some runs produce NaNs in fp8.", "NaN"),                                  # a number's value
    ("We study functional connectivity (FC). FC-based models fail.", "FC"),      # defined as no entity
])
def test_words_that_read_as_names_but_are_none(nlp, text, absent):
    assert absent not in {name for _, name in found(nlp, text)}


def test_an_acronym_defined_as_a_method_still_heads_a_name():
    from graphload.extract.rules import name_head_cues
    text = "We use support vector regression (SVR). SVR-based models win."
    assert {c.text for c in name_head_cues(text)} == {"SVR"}


@pytest.mark.parametrize("title, name", [
    ("Faster Parsing via Stacked Quorbic Encoders", "Stacked Quorbic Encoders"),
    ("Robust Tagging with Gated Zerk Propagation: A Study", "Gated Zerk Propagation"),
    ("Image Denoising by Leveraging Learned Wavelet Thresholding", "Learned Wavelet Thresholding"),
    ("Summaries by Efficient Hierarchical Sentence Fusion", "Hierarchical Sentence Fusion"),
])
def test_capitalised_words_after_a_titles_via_or_with_name_its_method(title, name):
    from graphload.extract.rules import title_means
    assert [(c.text, c.type) for c in title_means(title + "\n\nAn abstract.", len(title))] == [(name, "method")]


@pytest.mark.parametrize("title", [
    "Scaling Laws for Parsing with Type Theory",            # a field, not a means
    "Captioning with Synthetic Data",                       # data
    "Routing with Adaptive Networks",                       # an everyday adjective before a generic head
    "Agents That Learn with Their Mind",                    # a pronoun
    "Why Deep ReLU Classifiers Fail",                       # no cue word
    "Learning with Limited Latent Token",                   # a last word that names no technique
    "Training with Small Initialization",                   # a rating, then one word
    "Parsing for Noisy Social Media Text",                  # "for" names a task
    "Artefacts Propagate Through Masked Quorb Embeddings",  # what a model computes, not how
    "Image Compression Using Sparse Quorbic Representation",
])
def test_title_means_skip_fields_data_ratings_and_clauses(title):
    from graphload.extract.rules import title_means
    assert title_means(title + "\n\nAn abstract.", len(title)) == []


def test_title_means_read_the_title_only():
    from graphload.extract.rules import title_means
    text = "A Title\n\nWe compare it with Gated Zerk Propagation here."
    assert title_means(text, len("A Title")) == []


@pytest.mark.parametrize("text", [
    "The method keeps a low sensitivity to hyperparameters.",           # a property of a thing
    "Training is not aware of this modularity.",                       # talked about, nothing measured
    "Regions differ in the specificity of their computation.",         # the same
    "2) The learnt structure shows spatial modularity.",               # an enumeration is no value
])
def test_a_metric_word_that_names_a_property_is_no_metric_where_nothing_is_measured(nlp, text):
    assert not {name for kind, name in found(nlp, text) if kind == "metric"}


@pytest.mark.parametrize("text, name", [
    ("The detector reaches a sensitivity of 0.93 on the test set.", "sensitivity"),
    ("Regularisation improves the modularity of the codes.", "modularity"),
    ("Clusters reach 81% purity.", "purity"),
])
def test_a_property_reported_or_compared_is_a_metric(nlp, text, name):
    assert ("metric", name) in found(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Pruning substantially reduces the number of parameters.", "number of parameters"),
    ("Our schedule cuts training time on every benchmark.", "training time"),
    ("It keeps accuracy while reducing the number of nonzero parameters.", "number of nonzero parameters"),
    ("The number of trainable parameters drops by 40%.", "number of trainable parameters"),
])
def test_a_cost_the_method_cuts_or_counts_is_a_metric(nlp, text, name):
    assert ("metric", name) in found(nlp, text)


@pytest.mark.parametrize("text", [
    "The approach requires long training time.",                      # talked about, not cut or measured
    "Sharing weights improves training and inference speeds.",          # the same, in the plural
    "Networks with a huge number of trainable parameters overfit.",   # the size of a model
    "We study how the number of such parameters grows.",              # which ones, said by a function word
])
def test_a_cost_only_talked_about_is_no_metric(nlp, text):
    assert not {name for kind, name in found(nlp, text) if kind == "metric"}


@pytest.mark.parametrize("text, absent", [
    # a task the paper poses, wherever the paper writes it again
    ("We introduce a new task, Query Plan Captioning, for databases. In Query Plan Captioning, plans are read.",
     "Query Plan Captioning"),
    ("We define the problem of Cross Domain Shape Retrieval and solve it.", "Cross Domain Shape Retrieval"),
    ("We test on three Sleep Stage Scoring benchmarks and two others.", "Sleep Stage Scoring"),  # a kind of data counted
    ("Our Lightweight Vision Transformers run on phones.", "Lightweight Vision Transformer"),  # a rating, then a family
])
def test_capitalised_tasks_counted_kinds_and_ratings_are_no_names(text, absent):
    from graphload.extract.rules import title_case_names
    assert absent not in {c.text.rstrip("s") for c in title_case_names("T\n\n" + text, 1)}


def test_an_everyday_word_before_and_opens_the_capitalised_name():
    from graphload.extract.rules import title_case_names
    text = "T\n\nWe call the class Plug and Play Generative Networks; Bottleneck and Attention layers stay."
    assert [c.text for c in title_case_names(text, 1)] == ["Plug and Play Generative Networks"]


def test_an_introduced_name_is_typed_by_its_head_before_the_words_after_it():
    from graphload.extract.rules import introduced_names
    text = "Our approach, which we call Quorbic Classifier, attains strong results on a variety of benchmarks."
    assert [(c.text, c.type) for c in introduced_names(text)] == [("Quorbic Classifier", "method")]
    text = "We introduce QuorbicScenes, a dataset of street photos."
    assert [(c.text, c.type) for c in introduced_names(text)] == [("QuorbicScenes", "dataset")]


@pytest.mark.parametrize("text, typed", [
    ("Encoders are robust to automatic speech recognition errors (ASR) in transcripts.", []),  # a task's errors
    ("We train on functional connectivity (FC) networks of the brain.", []),                     # a concept
    ("We propose Speech Recognition Distillation (SRD) for phones.", ["SRD"]),                   # a method for a task
])
def test_a_definition_of_a_task_or_concept_names_no_entity(text, typed):
    from graphload.extract.rules import typed_definitions
    assert [definition.acronym for definition, *_ in typed_definitions(text)] == typed


@pytest.mark.parametrize("text, names", [
    ("We introduce margin drift, a condition that explains collapse.", []),
    ("We introduce GrokShift, a phenomenon of late learning.", []),
    ("We propose QuorbNet, a framework for these problems.", ["QuorbNet"]),     # the head comes before "for"
    ("We propose QuorbNet, a task-agnostic learner.", ["QuorbNet"]),
])
def test_a_name_the_apposition_calls_a_condition_or_phenomenon_is_no_entity(text, names):
    from graphload.extract.rules import introduced_names
    assert [c.text for c in introduced_names(text)] == names


@pytest.mark.parametrize("text, name", [
    ("We propose the Quorbic Gradient Adjustment (QGA) method for fields.", "Quorbic Gradient Adjustment"),
    ("We sample from strongly quorbic-concave (SQC) models in high dimension.", "strongly quorbic-concave models"),
    ("We train Neuron Interaction and Quorbcasting (NiQo) networks.", "Neuron Interaction and Quorbcasting networks"),
])
def test_a_generic_head_after_a_defined_acronym_joins_only_a_name_that_is_no_noun(text, name):
    from graphload.extract.rules import typed_definitions
    assert [long_form for _, _, long_form, _ in typed_definitions(text)] == [name]


def test_chemical_formulas_are_not_model_names():
    from graphload.extract.rules import name_shapes
    text = "We screen materials including Ru3NbC, V3Pt, LaN2 and Fe3O4 with PaLM2 and CoAtNet3."
    assert {c.text for c in name_shapes(text)} == {"PaLM2", "CoAtNet3"}
