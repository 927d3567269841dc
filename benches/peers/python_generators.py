"""Times the official Python generators per token, on the inputs the Rust
benchmark uses: no session token, and a 1 KB one. Prints median µs."""

import statistics
import timeit
from datetime import timedelta

from botocore.credentials import Credentials

import aws_bedrock_token_generator as bedrock
import token_generator_for_aws_external_anthropic as anthropic

SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
ALPHABET = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+="
KILOBYTE = "".join(ALPHABET[i % 53] for i in range(1024))
ROUNDS, PER_ROUND = 15, 400


def median_us(mint):
    samples = [timeit.timeit(mint, number=PER_ROUND) / PER_ROUND for _ in range(ROUNDS)]
    return statistics.median(samples) * 1e6


for label, session in [("none", None), ("1 KB", KILOBYTE)]:
    creds = Credentials("AKIAIOSFODNN7EXAMPLE", SECRET, session)

    class Provider:
        def load(self):
            return creds

    hour = timedelta(hours=1)
    b = median_us(lambda: bedrock.provide_token(region="us-west-2", aws_credentials_provider=Provider(), expiry=hour))
    a = median_us(lambda: anthropic.get_token(credentials=creds, region="us-west-2", expiry=hour))
    print(f"| Python aws-bedrock-token-generator | {label} | {b:.1f} µs |")
    print(f"| Python token-generator-for-aws-external-anthropic | {label} | {a:.1f} µs |")
