"""Run the sentiment training pipeline on the active ZenML stack."""

import argparse

from pipelines import sentiment_training


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/training.yaml")
    args = parser.parse_args()
    sentiment_training.with_options(config_path=args.config)()


if __name__ == "__main__":
    main()
