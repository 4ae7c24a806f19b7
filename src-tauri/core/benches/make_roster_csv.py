"""Writes a realistic roster CSV of N creators for the import benchmark.

Usage: python3 src-tauri/core/benches/make_roster_csv.py N OUT.csv
Columns as a discovery-tool export has them (handle and profile link, which
the importer must see as one account); about 150 bytes a row; a fixed seed,
so every run measures the same file.
"""

import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20261124)
first = ["Mara", "Jonas", "Aisha", "Lucas", "Priya", "Tom", "Sofía", "Kenji", "Emma", "Chloé", "Daniel", "Hannah"]
last = ["Costa", "Weber", "Bello", "Moreau", "Nair", "Becker", "Herrera", "Watanabe", "Lindqvist", "Martin"]
platforms = ["instagram", "tiktok", "youtube", "x", "twitch", "pinterest"]
profile = {
    "instagram": "https://www.instagram.com/{}/",
    "tiktok": "https://www.tiktok.com/@{}",
    "youtube": "https://www.youtube.com/@{}",
    "x": "https://x.com/{}",
    "twitch": "https://www.twitch.tv/{}",
    "pinterest": "https://www.pinterest.com/{}/",
}
countries = ["DE", "FR", "ES", "GB", "US", "PT", "SE", "AU", "CA", "IT"]
niches = ["vegan food", "travel", "fitness", "gaming", "beauty", "tech", "books", "fashion", "outdoor", "finance"]

with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("platform,username,url,fullname,followers,engagementRate,email,country,category\r\n")
    for i in range(n):
        name = f"{rng.choice(first)} {rng.choice(last)}"
        handle = f"{name.split()[0].lower()}.{name.split()[1].lower()}.{i}"
        followers = int(rng.lognormvariate(10, 1.6))
        rate = round(rng.uniform(0.002, 0.09), 4)
        niche = ", ".join(rng.sample(niches, 2))
        platform = rng.choice(platforms)
        f.write(
            f"{platform},@{handle},{profile[platform].format(handle)},{name},{followers},{rate},"
            f"{handle}@mail.example.com,{rng.choice(countries)},\"{niche}\"\r\n"
        )
