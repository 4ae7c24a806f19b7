"""Writes a realistic roster CSV of N creators for the import benchmark.

Usage: python3 src-tauri/core/benches/make_roster_csv.py N OUT.csv [engagement|plain]
Columns as a discovery-tool export has them (handle and profile link, which
the importer must see as one account, a following count it does not read);
`engagement` (the default) adds average likes, average comments and the
engagement rate, about 150 bytes a row; `plain` leaves those three out. A
fixed seed, so every run measures the same file.
"""

import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
engagement = (sys.argv[3] if len(sys.argv) > 3 else "engagement") == "engagement"
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
    figures = "Avg likes,Avg comments,Engagement rate," if engagement else ""
    f.write(f"Platform,Username,Full name,URL,Followers,Following,{figures}Country,Niche,Email\r\n")
    for i in range(n):
        name = f"{rng.choice(first)} {rng.choice(last)}"
        handle = f"{name.split()[0].lower()}.{name.split()[1].lower()}.{i}"
        followers = int(rng.lognormvariate(10, 1.6))
        following = int(rng.lognormvariate(6, 1.2))
        rate = round(rng.uniform(0.002, 0.09), 4)
        niche = ", ".join(rng.sample(niches, 2))
        platform = rng.choice(platforms)
        row = f"{platform},@{handle},{name},{profile[platform].format(handle)},{followers},{following},"
        if engagement:
            likes = int(followers * rate * rng.uniform(0.85, 0.97))
            comments = max(0, int(followers * rate) - likes)
            row += f"{likes},{comments},{rate},"
        f.write(row + f"{rng.choice(countries)},\"{niche}\",{handle}@mail.example.com\r\n")
