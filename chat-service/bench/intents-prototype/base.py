from common import *
from sklearn.svm import LinearSVC
import sys
d=b77()
for C in [1.0]:
    t0=time.time(); m=LinearSVC(C=C,loss='squared_hinge',dual=True,tol=0.1,max_iter=1000).fit(d['Xtr'],d['ytr']); ft=time.time()-t0
    print('b77 C',C,'acc',np.mean(m.predict(d['Xte'])==d['yte']),'fit',ft)
