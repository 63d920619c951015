# SVM (given features) scores blended with kNN class scores on the embedding: S + lam * knn_k(class); CV on train, then test
from feats import *
from sklearn.svm import LinearSVC
from sklearn.model_selection import StratifiedKFold
import sys
w,c,a,C=[float(x) for x in sys.argv[1:5]]
d=b77(); y=d['ytr']
folds=list(StratifiedKFold(5,shuffle=True,random_state=0).split(d['Xtr'],y))
KS=[1,5,10,20]; LAMS=[0,0.25,0.5,1,2,4]
def knn_scores(Etr,ytr,Ete,classes,k):
    sims=Ete@Etr.T; idx=np.argpartition(-sims,k-1,1)[:,:k]
    out=np.zeros((len(Ete),len(classes))); ci=np.searchsorted(classes,ytr)
    for j in range(k):
        np.add.at(out,(np.arange(len(Ete)),ci[idx[:,j]]),sims[np.arange(len(Ete)),idx[:,j]])
    return out/k
def evals(tt,Xt,yt,tv,Xv,yv):
    A,[B]=build(tt,[tv],Xt,[Xv],a=a,w=w,c=c)
    m=LinearSVC(C=C,tol=0.1,random_state=0).fit(A,yt); S=m.decision_function(B)
    res={}
    for k in KS:
        K=knn_scores(Xt,yt,Xv,m.classes_,k)
        for l in LAMS: res[(k,l)]=np.mean(m.classes_[np.argmax(S+l*K,1)]==yv)
    return res
cvs=[evals([d['ttr'][i] for i in tr],d['Xtr'][tr],y[tr],[d['ttr'][i] for i in te],d['Xtr'][te],y[te]) for tr,te in folds]
te=evals(d['ttr'],d['Xtr'],y,d['tte'],d['Xte'],d['yte'])
for key in cvs[0]:
    print('B77 knn-blend w=%g c=%g a=%g C=%g k=%d lam=%g cv=%.4f test=%.4f'%(w,c,a,C,key[0],key[1],np.mean([r[key] for r in cvs]),te[key]),flush=True)
