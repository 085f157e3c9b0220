"""Stop the training run when the customer snapshot breaks its expectations."""

import argparse
import sys

import great_expectations as gx
import pandas as pd


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-path", required=True)
    args = parser.parse_args()
    customers = pd.read_parquet(args.data_path)

    context = gx.get_context(mode="ephemeral")
    batch_definition = (
        context.data_sources.add_pandas("snapshots")
        .add_dataframe_asset("customers")
        .add_batch_definition_whole_dataframe("full")
    )
    suite = context.suites.add(gx.ExpectationSuite(name="customers"))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="customer_id"))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToBeUnique(column="customer_id"))
    suite.add_expectation(
        gx.expectations.ExpectColumnValuesToBeBetween(
            column="tenure_months", min_value=0, max_value=600
        )
    )
    suite.add_expectation(
        gx.expectations.ExpectColumnValuesToBeInSet(column="churned", value_set=[0, 1])
    )
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name="customers-snapshot", data=batch_definition, suite=suite)
    )
    result = validation.run(batch_parameters={"dataframe": customers})
    print(result.describe())
    sys.exit(0 if result.success else 1)


if __name__ == "__main__":
    main()
