# usage: cv_b77.py w c  -> grid over a (embedding scale) and C, 5-fold CV on train; then test acc for each config
from feats import *
from sklearn.svm import LinearSVC
from sklearn.model_selection import StratifiedKFold
from joblib import Parallel, delayed
import sys
import os; MINDF=int(os.environ.get("MINDF","1"))
w=float(sys.argv[1]); c=float(sys.argv[2])
As=[float(x) for x in sys.argv[3].split(',')]; Cs=[float(x) for x in sys.argv[4].split(',')]
d=b77(); y=d['ytr']
folds=list(StratifiedKFold(5,shuffle=True,random_state=0).split(d['Xtr'],y))
def run(a,C,tr,te):
    tt=[d['ttr'][i] for i in tr]; tv=[d['ttr'][i] for i in te]
    A,[B]=build(tt,[tv],d["Xtr"][tr],[d["Xtr"][te]],a=a,w=w,c=c,min_df=MINDF)
    m=LinearSVC(C=C,tol=0.1).fit(A,y[tr]); return np.mean(m.predict(B)==y[te])
for a in As:
  for C in Cs:
    cv=Parallel(n_jobs=2)(delayed(run)(a,C,tr,te) for tr,te in folds)
    A,[B]=build(d["ttr"],[d["tte"]],d["Xtr"],[d["Xte"]],a=a,w=w,c=c,min_df=MINDF)
    t0=time.time(); m=LinearSVC(C=C,tol=0.1).fit(A,y); ft=time.time()-t0
    print('B77 min_df='+str(MINDF)+' w=%g c=%g a=%g C=%g cv=%.4f test=%.4f fit=%.1fs dims=%d'%(w,c,a,C,np.mean(cv),np.mean(m.predict(B)==d['yte']),ft,A.shape[1]),flush=True)
