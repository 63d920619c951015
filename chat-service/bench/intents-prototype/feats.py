from common import *
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
TOK=r"(?u)\b\w+\b"
def vecs(kind, min_df=1):
    if kind=='w': return TfidfVectorizer(lowercase=True,token_pattern=TOK,ngram_range=(1,2),sublinear_tf=True,min_df=min_df,dtype=np.float32)
    if kind=='c': return TfidfVectorizer(lowercase=True,analyzer='char_wb',ngram_range=(2,5),sublinear_tf=True,min_df=min_df,dtype=np.float32)
def build(ttr, tte_list, Xtr, Xte_list, a=1.0, w=0.0, c=0.0, min_df=1):
    """returns train matrix and list of test matrices: [a*emb | w*wordtfidf | c*chartfidf]"""
    blocks_tr=[sp.csr_matrix(Xtr*a)]; blocks_te=[[sp.csr_matrix(X*a)] for X in Xte_list]
    for kind,s in [('w',w),('c',c)]:
        if s>0:
            v=vecs(kind,min_df); B=v.fit_transform(ttr)
            blocks_tr.append(B*s)
            for i,t in enumerate(tte_list): blocks_te[i].append(v.transform(t)*s)
    return sp.hstack(blocks_tr).tocsr(), [sp.hstack(b).tocsr() for b in blocks_te]
