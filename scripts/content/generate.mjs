#!/usr/bin/env node
// `npm run content:generate -- --count 10000 --out /tmp/news-10k [--seed 1] [--end 2026-11-01T12:00:00Z]`
//
// Writes a whole content folder in the documented markdown format (design/CONTENT.md): site.yml with
// nested sections, authors, articles and a few images. Every word is generated here from templates
// and word lists (original text, no external corpus). The same --seed, --count and --end always
// give byte-identical files, so benchmarks and growth measurements can be repeated.
// One file over 400 lines on purpose: a third of it is word lists and templates, and the order of
// every random draw across them is what makes a seed reproduce the same folder byte for byte.
//
// What it exercises: sections three levels deep, 1–3 authors per article, 0–4 tags from a fixed
// vocabulary, ~70 % of articles with a featured image (the rest omit `image`), editor picks
// (`related`), old slugs (`redirectFrom`), `updatedAt`, a few drafts and a few scheduled articles
// (published far in the future), `donation: false` now and then, and bodies with h2/h3 headings,
// lists, quotes, links, emphasis, GFM tables and the odd raw HTML element (sanitised by the site).
import fs from "node:fs";
import path from "node:path";

const USAGE = `Usage: npm run content:generate -- --count <n> --out <dir> [--seed <n>] [--end <ISO date>] [--force]
  --count  number of articles (default 100)
  --out    folder to write (must be empty or absent; --force empties it first)
  --seed   random seed (default 1); same seed and count → same files
  --end    publication time of the newest article (default 2026-11-01T12:00:00Z); older ones go back from there`;

function parseArgs(argv) {
  const args = { count: 100, seed: 1, end: "2026-11-01T12:00:00Z", force: false, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === "--count") args.count = Number(value());
    else if (a === "--out") args.out = value();
    else if (a === "--seed") args.seed = Number(value());
    else if (a === "--end") args.end = value();
    else if (a === "--force") args.force = true;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  if (!args.out) fail("--out is required");
  if (!Number.isSafeInteger(args.count) || args.count < 1) fail("--count must be a positive integer");
  if (!Number.isSafeInteger(args.seed)) fail("--seed must be an integer");
  if (Number.isNaN(Date.parse(args.end))) fail("--end must be an ISO 8601 date-time");
  return args;
}

function fail(message) {
  console.error(`content:generate: ${message}\n\n${USAGE}`);
  process.exit(2);
}

// mulberry32: tiny, fast, deterministic.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    sample(list, n) {
      const copy = [...list];
      const out = [];
      while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Word lists (all invented for Masthead: fictional towns, people and organisations).

const TOWNS = ["Port Wren", "Eastcliff", "Millford", "Saltmarch", "Calder Bay", "Hollowmere", "Brackenridge", "Fenwick Quay", "Tamsin Head", "Orrin Sands", "Greyhaven", "Lowther", "Marrow Point", "Sedge End", "Kestle"];
const COUNTRIES = ["Kessovar", "Belmaris", "the Ostrel Republic", "Varnholm", "Lucerra", "the Amberline States", "Doravia", "Tessaly"];
const FIRST = ["Ada", "Bram", "Celia", "Dev", "Edda", "Farid", "Greta", "Hollis", "Ines", "Jonah", "Kaia", "Lorcan", "Mira", "Niall", "Odile", "Piet", "Quinn", "Rosa", "Sami", "Tove", "Ulla", "Viktor", "Wren", "Yusuf", "Zara", "Anouk", "Bastien", "Carys", "Dario", "Elif", "Femi", "Gwen", "Hamza", "Isla", "Joss", "Kofi", "Lena", "Marek", "Nell", "Otto"];
const LAST = ["Ashdown", "Baptiste", "Calloway", "Dunmore", "Ellery", "Fenwick", "Garrow", "Halloran", "Ibbotson", "Jarrow", "Kettering", "Lindqvist", "Marchetti", "Nakamura", "Okafor", "Penhallow", "Quarrie", "Ramanathan", "Strand", "Treloar", "Underhill", "Vance", "Whitlock", "Yardley", "Zeller", "Abernethy", "Brightwater", "Coyle", "Drummond", "Esterhaus"];
const ROLES = ["Reporter", "Senior reporter", "Political correspondent", "Business editor", "Culture writer", "Sports reporter", "Science correspondent", "Data reporter", "Photographer", "Contributing writer", "Community editor", "Investigations editor"];
const ORGS = ["the town council", "the harbour board", "the regional health trust", "the ferry company", "the fishermen's cooperative", "the chamber of commerce", "the coastguard", "the water authority", "the teachers' union", "the transport committee", "the port authority", "the marine institute", "the housing association", "the arts trust", "the sailing club", "the county court"];
const OFFICIALS = ["council leader", "harbour master", "chief executive", "committee chair", "union representative", "head teacher", "project manager", "spokesperson", "senior engineer", "club secretary", "ward councillor", "lead researcher"];
const NOUNS = ["budget", "bridge", "ferry service", "flood barrier", "fish market", "library", "school", "clinic", "sea wall", "bus route", "housing plan", "wind farm", "festival", "museum", "stadium", "quay", "lighthouse", "water supply", "railway line", "marina", "recycling scheme", "night market", "cycle path", "sports hall", "theatre", "harbour dredging", "tide gauge", "coastal path", "broadband network", "lifeboat station"];
const VERBS_PAST = ["approved", "delayed", "rejected", "reopened", "expanded", "cut", "reviewed", "postponed", "launched", "rebuilt", "sold", "redesigned", "extended", "paused", "funded", "questioned"];
const ADJ = ["long-awaited", "controversial", "costly", "modest", "ambitious", "temporary", "overdue", "popular", "disputed", "record", "surprise", "cautious", "historic", "quiet", "unusual", "late"];
const NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty", "thirty", "forty"];
const UNITS = ["per cent", "million", "thousand households", "metres", "kilometres", "weeks", "months", "years", "tonnes", "crossings a day"];
const MOODS = ["relieved", "frustrated", "hopeful", "sceptical", "angry", "cautiously optimistic", "divided", "unconvinced", "delighted", "worried"];
const TIMES = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend", "last week", "this morning", "late on Tuesday", "earlier this month", "after a long meeting", "overnight"];
const REASONS = ["rising costs", "a shortage of engineers", "stormy weather", "a legal challenge", "falling visitor numbers", "a change of contractor", "new safety rules", "pressure from residents", "an unexpected survey result", "a gap in the accounts", "a vote of the full council", "delays to a shipment of parts"];

const TAGS = [
  "Harbour", "Ferries", "Town council", "Budget", "Flooding", "Climate", "Schools", "Health", "Housing", "Transport",
  "Fishing", "Shipping", "Tourism", "Elections", "Courts", "Policing", "Weather", "Wildlife", "Energy", "Wind power",
  "Jobs", "Small business", "Markets", "Trade", "Festivals", "Theatre", "Music", "Film", "Books", "Art",
  "Football", "Sailing", "Swimming", "Athletics", "Cricket", "Rowing", "Science", "Oceans", "Technology", "Broadband",
  "Libraries", "Museums", "History", "Food", "Farming", "Water", "Roads", "Cycling", "Rail", "Lifeboats",
  "Coastguard", "Tides", "Storms", "Diplomacy", "Treaties", "Migration", "Data", "Investigation", "Letters", "Obituaries",
];

// Section tree, three levels deep in places. `topic` picks the vocabulary for titles.
const SECTIONS = [
  {
    slug: "news", name: "News", description: "Reporting from the coast and the wider world.",
    children: [
      { slug: "local", name: "Local", description: "Councils, ferries, schools and harbours.", topic: "local" },
      { slug: "world", name: "World", description: "The stories beyond the breakwater.", topic: "world" },
      {
        slug: "politics", name: "Politics", description: "Votes, budgets and the people who decide them.", topic: "politics",
        children: [{ slug: "elections", name: "Elections", description: "Candidates, results and what they mean.", topic: "politics" }],
      },
    ],
  },
  {
    slug: "business", name: "Business", description: "Jobs, trade and the harbour economy.", topic: "business",
    children: [{ slug: "markets", name: "Markets", description: "Prices at the fish market and beyond.", topic: "business" }],
  },
  { slug: "science", name: "Science", description: "Oceans, climate and the lab on the quay.", topic: "science",
    children: [{ slug: "climate", name: "Climate", description: "Rising seas and the coast's response.", topic: "science" }] },
  {
    slug: "culture", name: "Culture", description: "Festivals, theatre, music and books.", topic: "culture",
    children: [
      { slug: "books", name: "Books", description: "Reviews and readings.", topic: "culture" },
      { slug: "music", name: "Music", description: "Gigs, choirs and recordings.", topic: "culture" },
    ],
  },
  {
    slug: "sport", name: "Sport", description: "Results and the people behind them.", topic: "sport",
    children: [
      { slug: "football", name: "Football", description: "From the cup run to the Sunday league.", topic: "sport" },
      { slug: "sailing", name: "Sailing", description: "Regattas, races and the club.", topic: "sport" },
    ],
  },
  { slug: "opinion", name: "Opinion", description: "Argument, analysis and letters.", topic: "opinion" },
];

const TOPIC_TITLES = {
  local: [
    (r) => `${cap(r.pick(TOWNS))} ${r.pick(NOUNS)} ${r.pick(VERBS_PAST)} after ${r.pick(REASONS)}`,
    (r) => `${cap(r.pick(ORGS))} ${r.pick(VERBS_PAST)} ${r.pick(ADJ)} ${r.pick(NOUNS)} plan`,
    (r) => `Residents of ${r.pick(TOWNS)} ${r.pick(MOODS)} as ${r.pick(NOUNS)} is ${r.pick(VERBS_PAST)}`,
  ],
  world: [
    (r) => `${cap(r.pick(COUNTRIES))} and ${r.pick(COUNTRIES)} sign ${r.pick(ADJ)} ${r.pick(["fishing", "shipping", "trade", "ocean", "border"])} pact`,
    (r) => `Talks in ${r.pick(COUNTRIES)} ${r.pick(["stall", "resume", "collapse", "end early"])} over ${r.pick(REASONS)}`,
    (r) => `Shipping lanes off ${r.pick(COUNTRIES)} ${r.pick(["reopen", "close", "slow down", "are rerouted"])} after ${r.pick(REASONS)}`,
  ],
  politics: [
    (r) => `Council vote on the ${r.pick(NOUNS)} ${r.pick(["passes narrowly", "is delayed", "splits the chamber", "goes to a recount"])}`,
    (r) => `${r.pick(FIRST)} ${r.pick(LAST)} to stand for ${r.pick(TOWNS)} ward`,
    (r) => `What the ${r.pick(ADJ)} ${r.pick(NOUNS)} budget means for ${r.pick(TOWNS)}`,
  ],
  business: [
    (r) => `${cap(r.pick(["fish", "timber", "grain", "salt", "wool"]))} prices ${r.pick(["rise", "fall", "hold steady", "swing"])} ${r.pick(NUMBERS)} ${r.pick(["per cent", "points"])} at ${r.pick(TOWNS)} market`,
    (r) => `${r.pick(TOWNS)} firm ${r.pick(["hires", "lays off", "trains", "recruits"])} ${r.pick(NUMBERS)} ${r.pick(["engineers", "apprentices", "crew", "staff"])}`,
    (r) => `${cap(r.pick(ORGS))} reports ${r.pick(ADJ)} year for ${r.pick(NOUNS)}`,
  ],
  science: [
    (r) => `Researchers map ${r.pick(["seagrass", "kelp", "sandbanks", "currents", "seal colonies", "storm surges"])} off ${r.pick(TOWNS)}`,
    (r) => `Sea level gauge at ${r.pick(TOWNS)} records ${r.pick(ADJ)} high tide`,
    (r) => `Why the ${r.pick(["water is warmer", "fish are moving north", "cliffs are retreating", "winters are wetter"])} off ${r.pick(TOWNS)}`,
  ],
  culture: [
    (r) => `${cap(r.pick(ADJ))} ${r.pick(["festival", "exhibition", "season", "concert series", "book fair"])} comes to ${r.pick(TOWNS)}`,
    (r) => `Review: ${r.pick(["The Salt Almanac", "Low Water", "A Lantern for the Quay", "The Net Loft", "Winter Crossing", "Gull Weather", "The Tide Tables"])}${r.chance(0.5) ? ` (part ${r.int(2, 9)})` : ""}`,
    (r) => `${r.pick(FIRST)} ${r.pick(LAST)} on ${r.pick(["writing", "painting", "singing", "filming"])} the ${r.pick(["harbour", "coast", "storm", "ferry"])}`,
  ],
  sport: [
    (r) => `${r.pick(TOWNS)} Rovers ${r.pick(["beat", "lose to", "draw with", "knock out"])} ${r.pick(TOWNS)} United ${r.int(0, 5)}-${r.int(0, 5)}`,
    (r) => `${cap(r.pick(ADJ))} finish at the ${r.pick(TOWNS)} regatta`,
    (r) => `Sea swimmers ${r.pick(["brave", "cancel", "complete", "double"])} the ${r.pick(["winter", "dawn", "New Year", "charity"])} swim`,
  ],
  opinion: [
    (r) => `The ${r.pick(NOUNS)} deserves ${r.pick(["better", "a second look", "a vote", "patience", "honesty"])}`,
    (r) => `Letters: ${r.pick(["on the", "about the", "in defence of the", "against the"])} ${r.pick(NOUNS)}`,
    (r) => `${cap(r.pick(TOWNS))} cannot afford to ${r.pick(["wait", "ignore the tide", "lose its ferry", "forget its fishermen"])}`,
  ],
};

function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function slugify(s) {
  return s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function sentence(r) {
  const templates = [
    () => `${cap(r.pick(ORGS))} ${r.pick(VERBS_PAST)} the ${r.pick(ADJ)} ${r.pick(NOUNS)} ${r.pick(TIMES)}, citing ${r.pick(REASONS)}.`,
    () => `The ${r.pick(OFFICIALS)}, ${r.pick(FIRST)} ${r.pick(LAST)}, said the decision had been "${r.pick(["difficult", "long overdue", "the only sensible one", "a compromise", "a matter of safety"])}".`,
    () => `Around ${r.pick(NUMBERS)} ${r.pick(UNITS)} are affected, according to figures from ${r.pick(ORGS)}.`,
    () => `People in ${r.pick(TOWNS)} were ${r.pick(MOODS)}, and several said they had heard nothing until ${r.pick(TIMES).replace(/^on |^at /, "")}.`,
    () => `It is the ${r.pick(["first", "second", "third", "latest"])} time in ${r.pick(NUMBERS)} years that the ${r.pick(NOUNS)} has been ${r.pick(VERBS_PAST)}.`,
    () => `${cap(r.pick(ORGS))} is expected to publish a fuller report ${r.pick(["next month", "before the summer", "in the spring", "by the end of the year"])}.`,
    () => `Critics point to ${r.pick(REASONS)}, while supporters say the ${r.pick(NOUNS)} will pay for itself within ${r.pick(NUMBERS)} years.`,
    () => `"We have been here before," said ${r.pick(FIRST)} ${r.pick(LAST)}, who has lived in ${r.pick(TOWNS)} for ${r.pick(NUMBERS)} years.`,
    () => `A spokesperson for ${r.pick(ORGS)} declined to comment on ${r.pick(REASONS)}.`,
    () => `Work on the ${r.pick(NOUNS)} is now due to finish ${r.pick(["in the autumn", "next year", "within weeks", "before the winter storms"])}.`,
    () => `Visitors from ${r.pick(COUNTRIES)} have ${r.pick(["doubled", "fallen away", "returned", "held steady"])} since the ${r.pick(NOUNS)} was ${r.pick(VERBS_PAST)}.`,
    () => `The meeting ran for ${r.pick(NUMBERS)} hours and ended with a ${r.pick(["show of hands", "recorded vote", "promise to return", "walkout"])}.`,
  ];
  return r.pick(templates)();
}

function paragraph(r, min = 2, max = 5) {
  const n = r.int(min, max);
  return Array.from({ length: n }, () => sentence(r)).join(" ");
}

function heading(r) {
  return r.pick([
    () => `What happens to the ${r.pick(NOUNS)}`,
    () => `Why ${r.pick(REASONS)} matters`,
    () => `The view from ${r.pick(TOWNS)}`,
    () => `${cap(r.pick(ADJ))} numbers`,
    () => `What ${r.pick(ORGS)} says`,
    () => `Next steps`,
    () => `How we got here`,
    () => `A ${r.pick(["long", "short", "costly", "quiet"])} history`,
  ])();
}

function body(r, articleSlugs) {
  const parts = [paragraph(r, 2, 4), paragraph(r, 2, 5)];
  const sections = r.int(1, 4);
  for (let s = 0; s < sections; s++) {
    parts.push(`## ${heading(r)}`);
    parts.push(paragraph(r));
    const extra = r.int(0, 6);
    if (extra === 0) {
      parts.push(Array.from({ length: r.int(3, 5) }, () => `- ${cap(r.pick(NOUNS))}: ${r.pick(VERBS_PAST)} ${r.pick(TIMES)}`).join("\n"));
    } else if (extra === 1) {
      parts.push(`> ${sentence(r)} ${sentence(r)}`);
    } else if (extra === 2) {
      const rows = Array.from({ length: r.int(2, 4) }, () => `| ${r.pick(TOWNS)} | ${r.int(10, 990)} | ${r.pick(MOODS)} |`);
      parts.push(["| Place | Count | Mood |", "| --- | ---: | --- |", ...rows].join("\n"));
    } else if (extra === 3 && articleSlugs.length) {
      parts.push(`Read more: [an earlier report](/search?q=${encodeURIComponent(r.pick(NOUNS))}) and *our coverage of ${r.pick(TOWNS)}*.`);
    } else if (extra === 4) {
      parts.push(`<aside>Correction: an earlier version of this section gave the wrong ${r.pick(["date", "figure", "name"])}.</aside>`);
    }
    if (r.chance(0.4)) {
      parts.push(`### ${heading(r)}`);
      parts.push(paragraph(r, 1, 3));
    }
    parts.push(paragraph(r, 1, 4));
  }
  return parts.join("\n\n") + "\n";
}

// YAML scalars: everything generated is plain text; quote it so colons and the like stay strings.
const q = (s) => JSON.stringify(s);

function flattenSections(list, parent = "") {
  return list.flatMap((s) => {
    const p = parent ? `${parent}/${s.slug}` : s.slug;
    return [{ path: p, topic: s.topic ?? "local" }, ...flattenSections(s.children ?? [], p)];
  });
}

function siteYaml(list, depth = 1) {
  const pad = "  ".repeat(depth);
  return list
    .map((s) =>
      [
        `${pad}- slug: ${s.slug}`,
        `${pad}  name: ${q(s.name)}`,
        `${pad}  description: ${q(s.description)}`,
        ...(s.children?.length ? [`${pad}  children:`, siteYaml(s.children, depth + 2)] : []),
      ].join("\n"),
    )
    .join("\n");
}

const PALETTE = ["#1f4e79", "#2e7d5b", "#8a4b2a", "#5b3f8c", "#a23b3b", "#33658a", "#6b705c", "#b5651d"];

function imageSvg(r, i) {
  const sky = r.pick(PALETTE);
  const sea = r.pick(PALETTE);
  const sunX = r.int(150, 1050);
  const hills = Array.from({ length: 5 }, (_, k) => `${k * 300},${r.int(330, 450)}`).join(" ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675" role="img" aria-label="Generated illustration ${i + 1}">
  <rect width="1200" height="675" fill="${sky}" opacity="0.35"/>
  <circle cx="${sunX}" cy="${r.int(90, 200)}" r="${r.int(40, 80)}" fill="#f2c14e"/>
  <polyline points="0,675 ${hills} 1200,675" fill="${sea}" opacity="0.6"/>
  <path d="M0 520 Q150 490 300 520 T600 520 T900 520 T1200 520 V675 H0Z" fill="${sea}"/>
  <path d="M0 580 Q150 555 300 580 T600 580 T900 580 T1200 580 V675 H0Z" fill="#ffffff" opacity="0.25"/>
</svg>
`;
}

// Files are written many at a time: one synchronous write per article made 100,000 articles an
// I/O-bound minutes-long job on a busy disk, while generating the text takes seconds.
const pendingWrites = [];
async function write(file, text) {
  pendingWrites.push(fs.promises.writeFile(file, text));
  if (pendingWrites.length >= 256) await Promise.all(pendingWrites.splice(0));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const out = path.resolve(args.out);
  if (fs.existsSync(out) && fs.readdirSync(out).length) {
    if (!args.force) fail(`${out} is not empty (use --force to replace it)`);
    fs.rmSync(out, { recursive: true, force: true });
  }
  for (const d of ["articles", "authors", "images"]) fs.mkdirSync(path.join(out, d), { recursive: true });
  const r = rng(args.seed);

  fs.writeFileSync(
    path.join(out, "site.yml"),
    `# Generated by scripts/content/generate.mjs --count ${args.count} --seed ${args.seed} --end ${args.end}
name: The Generated Gazette
url: https://gazette.example
description: A generated newsroom for performance tests
language: en
logo: /logo.svg
sections:
${siteYaml(SECTIONS)}
donation:
  headline: Support independent journalism
  message: This is not a paywall. Every article stays free to read; contributions keep reporters on the quay.
  currency: USD
  amounts: [1, 5, 10, 25]
  providers:
    - label: Credit card
      url: https://donate.example/checkout?amount={amount}&currency={currency}
`,
  );

  // Authors: enough that author pages paginate at 10k articles.
  const authorCount = Math.min(60, Math.max(4, Math.ceil(args.count / 150)));
  const authors = [];
  const usedAuthor = new Set();
  while (authors.length < authorCount) {
    const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
    const slug = slugify(name);
    if (usedAuthor.has(slug)) {
      if (usedAuthor.size > FIRST.length * LAST.length - 5) break;
      continue;
    }
    usedAuthor.add(slug);
    authors.push(slug);
    const links = r.chance(0.5) ? `links:\n  - label: Website\n    url: https://${slug}.example\n` : "";
    fs.writeFileSync(
      path.join(out, "authors", `${slug}.md`),
      `---\nname: ${q(name)}\nrole: ${q(r.pick(ROLES))}\n${links}---\n${name} has reported from ${r.pick(TOWNS)} for ${r.pick(NUMBERS)} years, mostly on ${r.pick(NOUNS)}s and ${r.pick(ORGS)}. ${sentence(r)}\n`,
    );
  }

  const IMAGE_COUNT = 12;
  for (let i = 0; i < IMAGE_COUNT; i++) fs.writeFileSync(path.join(out, "images", `generated-${i + 1}.svg`), imageSvg(r, i));

  const sections = flattenSections(SECTIONS);
  const end = Date.parse(args.end);
  let t = end;
  const slugs = [];
  const usedSlugs = new Set();
  for (let i = 0; i < args.count; i++) {
    const section = r.pick(sections);
    const title = r.pick(TOPIC_TITLES[section.topic])(r);
    // Newest first; the number keeps slugs unique and never equal to a section slug.
    const slug = `${slugify(title).split("-").slice(0, 8).join("-")}-${args.count - i}`;
    if (usedSlugs.has(slug)) throw new Error(`duplicate slug ${slug}`);
    usedSlugs.add(slug);
    const publishedAt = new Date(t);
    t -= r.int(20, 300) * 60_000; // 20 minutes to 5 hours between articles
    const scheduled = i > 0 && i % 997 === 0; // a few articles far in the future
    const draft = !scheduled && i % 211 === 7;
    const fm = [
      "---",
      `title: ${q(title)}`,
      `section: ${section.path}`,
      `authors: [${r.sample(authors, r.chance(0.85) ? 1 : r.int(2, 3)).join(", ")}]`,
      `publishedAt: ${scheduled ? `2099-0${r.int(1, 9)}-1${r.int(0, 9)}T09:00:00Z` : publishedAt.toISOString().replace(".000Z", "Z")}`,
    ];
    if (!scheduled && r.chance(0.25)) fm.push(`updatedAt: ${new Date(publishedAt.getTime() + r.int(1, 48) * 3_600_000).toISOString().replace(".000Z", "Z")}`);
    if (r.chance(0.8)) fm.push(`description: ${q(sentence(r))}`);
    if (draft) fm.push("status: draft");
    const tags = r.sample(TAGS, r.int(0, 4));
    if (tags.length) fm.push(`tags: [${tags.map(q).join(", ")}]`);
    if (r.chance(0.7)) {
      const n = r.int(1, IMAGE_COUNT);
      fm.push(
        "image:",
        `  src: /content-images/generated-${n}.svg`,
        `  alt: ${q(`Illustration: a coastline at ${r.pick(["dawn", "noon", "dusk", "low tide", "high tide"])} with hills behind ${r.pick(TOWNS)}`)}`,
        ...(r.chance(0.6) ? [`  caption: ${q(sentence(r))}`] : []),
        ...(r.chance(0.5) ? [`  credit: ${q("Illustration: The Generated Gazette")}`] : []),
        "  width: 1200",
        "  height: 675",
      );
    }
    // Editor picks point at older articles (already written), so they always exist.
    if (slugs.length > 10 && r.chance(0.1)) fm.push(`related: [${r.sample(slugs.slice(-200), r.int(1, 3)).join(", ")}]`);
    if (r.chance(0.02)) fm.push(`redirectFrom: [${slug}-v1]`);
    if (r.chance(0.05)) fm.push("donation: false");
    fm.push("---");
    await write(path.join(out, "articles", `${slug}.md`), `${fm.join("\n")}\n${body(r, slugs)}`);
    slugs.push(slug);
  }
  await Promise.all(pendingWrites.splice(0));
  console.log(`Wrote ${args.count} articles, ${authors.length} authors, ${sections.length} sections and ${IMAGE_COUNT} images to ${out}`);
}

await main();
