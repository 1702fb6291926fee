"""graphload's extraction under Spark: rdd.mapPartitions over the same partition functions as --dask,
with the lexicon broadcast once; then the same papers in one plain process, for the figures and bytes.

    pip install -e . pyspark          # pyspark is this example's, not a graphload dependency (Java 17+)
    python examples/spark/extract_spark.py examples/hf-papers -o out/spark.jsonl [--master local[2]]
        [--partitions 4] [--repeat 10]

--repeat N extracts the input N times over (ids made unique), for a bigger corpus.
Prints papers/s of the Spark run (both passes, the session started beforehand) and
of one plain process (graphload.extract.extract_papers), and whether they wrote the
same bytes.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace

from graphload.corpus import PaperSource
from graphload.extract import extract_papers
from graphload.extract.cluster import partition_jsonl, partition_lexicon
from graphload.extract.learned import Lexicon


def read(inputs: list[str], repeat: int) -> list:
    papers = list(PaperSource(inputs))
    if repeat == 1:
        return papers
    return [replace(p, id=f"{p.id}#{copy}") for copy in range(repeat) for p in papers]


def extract_with_spark(spark, papers: list, partitions: int) -> list[str]:
    """Both passes as mapPartitions; the JSONL lines in input order (collect keeps partition order)."""
    rdd = spark.sparkContext.parallelize(papers, partitions).cache()  # contiguous slices, read by both passes
    lexicon = Lexicon()
    for learnt in rdd.mapPartitions(partition_lexicon).collect():
        lexicon.update(learnt)
    shared = spark.sparkContext.broadcast(lexicon)  # sent to each executor once
    lines = rdd.mapPartitions(lambda part: partition_jsonl(list(part), shared.value)).collect()
    rdd.unpersist()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the executors run this environment's graphload

    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master(args.master).appName("graphload-extract")
             .config("spark.ui.enabled", "false").config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    papers = read(args.inputs, args.repeat)
    try:
        start = time.perf_counter()
        lines = extract_with_spark(spark, papers, args.partitions)
        spark_seconds = time.perf_counter() - start
    finally:
        spark.stop()
    with open(args.output, "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)

    start = time.perf_counter()
    plain = [record.to_json() for record in extract_papers(papers)]
    plain_seconds = time.perf_counter() - start
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{len(papers):,} papers, {os.cpu_count()} cores, load average {load}")
    print(f"| run | seconds | papers/s |\n|---|---|---|")
    print(f"| Spark {args.master}, {args.partitions} partitions | {spark_seconds:,.1f} | {len(papers) / spark_seconds:,.0f} |")
    print(f"| one plain process | {plain_seconds:,.1f} | {len(papers) / plain_seconds:,.0f} |")
    print(f"Spark / plain: {plain_seconds / spark_seconds:.2f}x; same bytes: {'yes' if lines == plain else 'NO'}")


if __name__ == "__main__":
    main()
