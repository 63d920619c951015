# exports the word (1,2)-gram tf-idf vocabulary+idf fitted on banking77 train, and reference vectors for the test texts
from feats import *
d=b77(); v=vecs('w'); v.fit(d['ttr'])
with open('b77_word_vocab.tsv','w') as f:
    for term,i in sorted(v.vocabulary_.items(),key=lambda x:x[1]): f.write('%s\t%.9g\n'%(term,v.idf_[i]))
B=v.transform(d['tte']).tocsr()
with open('b77_test_word_ref.txt','w') as f:
    for r in range(B.shape[0]):
        row=B.getrow(r); f.write(' '.join('%d:%.6f'%(j,x) for j,x in sorted(zip(row.indices,row.data)))+'\n')
print(len(v.vocabulary_))
