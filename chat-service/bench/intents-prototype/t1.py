from feats import *
from sklearn.svm import LinearSVC
d=b77()
for (w,c) in [(1,0),(0,1),(1,1)]:
    t0=time.time(); A,[B]=build(d['ttr'],[d['tte']],d['Xtr'],[d['Xte']],a=1,w=w,c=c); bt=time.time()-t0
    t0=time.time(); m=LinearSVC(C=1,tol=0.1).fit(A,d['ytr']); ft=time.time()-t0
    print(w,c,A.shape,'acc %.4f'%np.mean(m.predict(B)==d['yte']),'build %.1f fit %.1f'%(bt,ft),flush=True)
