"""citeverify: find citations in generated text and check them against verified records."""
