"""`make bench`: every benchmark in turn, each printing its own figures."""

from benchmarks import core_bench, discord_bench, ops_bench, record_bench, slack_bench


def main() -> None:
    for bench in (core_bench, discord_bench, slack_bench, ops_bench, record_bench):
        bench.main()
        print()


if __name__ == "__main__":
    main()
