"""Sentiment as a 3-class decision (RESULTS.md, "Variants tried", 3-class classifiers): a multinomial logistic
regression over the shipped model's features, and a stacked one over the rules' and the model's scores, each
evaluated by the benchmark's own 10 folds (macro F1 per corpus, classes at +-0.05 of human mean / 4).

Inputs come from the benchmark (run from the repository root):
  BENCH_JAVA_OPTS="-Dbench.dump=/tmp/sent-dump.tsv -Dbench.features=/tmp/sent-x.bin" bash chat-service/bench/run-sentiment.sh
Then: python3 chat-service/bench/sentiment-prototype/classifier.py features 0.1 0.3 1 10   (penalties)
      python3 chat-service/bench/sentiment-prototype/classifier.py stacked
Needs numpy and scipy. The penalty is not chosen inside the folds here, so these figures are, if anything, optimistic.
"""
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp


def load(features='/tmp/sent-x.bin', dump='/tmp/sent-dump.tsv'):
    raw = open(features, 'rb').read()
    n, d = np.frombuffer(raw[:8], dtype='>i4')
    x = np.frombuffer(raw[8:], dtype='>f4').reshape(n, d).astype(np.float64)
    rows = [line.split('\t') for line in open(dump).read().splitlines()]
    col = lambda k: np.array([float(r[k]) for r in rows])
    return x, np.array([r[0] for r in rows]), col(1), col(2), col(3), col(4), col(5), col(6).astype(int)


def label(v):
    return np.where(v > 0.05, 2, np.where(v < -0.05, 0, 1))


def macro_f1(gold, pred):
    total = 0
    for c in range(3):
        tp = np.sum((pred == c) & (gold == c))
        fp = np.sum((pred == c) & (gold != c))
        fn = np.sum((pred != c) & (gold == c))
        precision = tp / (tp + fp) if tp + fp else 0
        recall = tp / (tp + fn) if tp + fn else 0
        total += 2 * precision * recall / (precision + recall) if precision + recall else 0
    return total / 3


def fit_logreg(x, target, weight, penalty):
    """Weighted multinomial logistic regression, L2 on every weight but column 0's (the intercept feature)."""
    n, d = x.shape
    onehot = np.eye(3)[target]

    def loss(theta):
        w = theta.reshape(d, 3)
        z = x @ w
        lse = logsumexp(z, axis=1)
        p = np.exp(z - lse[:, None])
        reg = w.copy()
        reg[0] = 0
        value = np.sum(weight * (lse - np.sum(z * onehot, axis=1))) + 0.5 * penalty * np.sum(reg * reg)
        return value, (x.T @ ((p - onehot) * weight[:, None]) + penalty * reg).ravel()

    return minimize(loss, np.zeros(d * 3), jac=True, method='L-BFGS-B', options={'maxiter': 500}).x.reshape(d, 3)


def cross_validated(m, gold, weight, block, penalty):
    pred = np.zeros(len(gold), dtype=int)
    for fold in range(10):
        train = block != fold
        pred[~train] = np.argmax(m[~train] @ fit_logreg(m[train], gold[train], weight[train], penalty), axis=1)
    return pred


def main():
    x, corpus, y, vader, rules, model, informal, block = load()
    corpora = sorted(set(corpus))
    weight = np.zeros(len(y))
    for c in corpora:  # each corpus weighs the same, as in the benchmark
        weight[corpus == c] = len(y) / (len(corpora) * np.sum(corpus == c))
    gold = label(y)
    report = lambda name, pred: print(name, ' '.join('%s %.3f' % (c, macro_f1(gold[corpus == c], pred[corpus == c])) for c in corpora), flush=True)
    report('VADER', label(vader))
    report('shipped model (out of fold)', label(model))
    if sys.argv[1] == 'features':
        for penalty in map(float, sys.argv[2:]):
            report('classifier, penalty %g' % penalty, cross_validated(x, gold, weight, block, penalty))
    else:
        sign = lambda v: np.stack([(v > 0.05) * 1.0, (v < -0.05) * 1.0], 1)
        m = np.column_stack([np.ones(len(y)), model, rules, informal, model * informal, rules * informal,
                             sign(rules), sign(rules) * informal[:, None], sign(model)])
        for penalty in (0.01, 1):
            report('stacked, penalty %g' % penalty, cross_validated(m, gold, weight, block, penalty))


if __name__ == '__main__':
    main()
