// Scores every *_GroundTruth.txt of the VADER ground-truth data with the npm `vader-sentiment` package (the
// JavaScript port of Hutto & Gilbert's VADER) and writes <out>/<corpus>.vader.tsv: id<TAB>compound.
// Usage: node vader_scores.js <datasets/vader_groundtruth> <node_modules dir holding vader-sentiment> <out dir>
const fs = require('fs');
const path = require('path');
const [dataDir, modules, outDir] = process.argv.slice(2);
const vader = require(path.join(modules, 'vader-sentiment'));
fs.mkdirSync(outDir, {recursive: true});
for (const file of fs.readdirSync(dataDir).filter(f => f.endsWith('_GroundTruth.txt'))) {
  const corpus = file.replace('_GroundTruth.txt', '');
  const lines = fs.readFileSync(path.join(dataDir, file), 'utf8').split(/\r?\n/).filter(l => l.trim());
  const out = lines.map(line => {
    const [id, , ...text] = line.split('\t');
    return id + '\t' + vader.SentimentIntensityAnalyzer.polarity_scores(text.join('\t')).compound;
  });
  fs.writeFileSync(path.join(outDir, corpus + '.vader.tsv'), out.join('\n') + '\n');
}
