# usage: clinc_run.py w c a C   (features [a*emb | w*word | c*char], LinearSVC C) -> val/test table with several confidences
from feats import *
from clinc_eval import *
from sklearn.svm import LinearSVC
import sys
w,c,a,C=[float(x) for x in sys.argv[1:5]]
lam=float(sys.argv[5]) if len(sys.argv)>5 else 0.0; K=int(sys.argv[6]) if len(sys.argv)>6 else 1
d=clinc()
A,[V,T]=build(d['ttrain'],[d['tval'],d['ttest']],d['Xtrain'],[d['Xval'],d['Xtest']],a=a,w=w,c=c)
t0=time.time(); m=LinearSVC(C=C,tol=0.1).fit(A,d['ytrain']); ft=time.time()-t0
Sv=m.decision_function(V); St=m.decision_function(T)
if lam>0:
    ci=np.searchsorted(m.classes_,d['ytrain'])
    def kn(X):
        sims=X@d['Xtrain'].T; idx=np.argpartition(-sims,K-1,1)[:,:K]; out=np.zeros((len(X),len(m.classes_)))
        for j in range(K): np.add.at(out,(np.arange(len(X)),ci[idx[:,j]]),sims[np.arange(len(X)),idx[:,j]])
        return out/K
    Sv=Sv+lam*kn(d['Xval']); St=St+lam*kn(d['Xtest'])
extra_v={}; extra_t={}
# kNN / centroid / Mahalanobis OOS scores on the embedding (in-scope training examples only)
ins=d['ytrain']!='oos'; E=d['Xtrain'][ins]; ye=d['ytrain'][ins]
for k in [1,5]:
    for nm,X,ex in [('v',d['Xval'],extra_v),('t',d['Xtest'],extra_t)]:
        sims=X@E.T; part=-np.partition(-sims,k-1,1)[:,:k]
        ex['knn cos k=%d'%k]=part.mean(1)
cls=np.unique(ye); M=np.stack([E[ye==q].mean(0) for q in cls])
R=E-M[np.searchsorted(cls,ye)]; Sg=np.cov(R.T)
for sh in [0.1,0.5]:
    Sig=(1-sh)*Sg+sh*np.trace(Sg)/Sg.shape[0]*np.eye(Sg.shape[0]); P_=np.linalg.inv(Sig)
    for X,ex in [(d['Xval'],extra_v),(d['Xtest'],extra_t)]:
        D=((X@P_)*X).sum(1)[:,None]-2*(X@P_)@M.T+((M@P_)*M).sum(1)[None,:]
        ex['-mahalanobis sh=%g'%sh]=-D.min(1)
Mn=M/np.linalg.norm(M,axis=1,keepdims=True)
extra_v['centroid cos']=(d['Xval']@Mn.T).max(1); extra_t['centroid cos']=(d['Xtest']@Mn.T).max(1)
report('CLINC lam=%g k=%d w=%g c=%g a=%g C=%g fit=%.1fs dims=%d'%(lam,K,w,c,a,C,ft,A.shape[1]),Sv,d['yval'],St,d['ytest'],m.classes_,extra_v,extra_t)
