"""Real aligned 112x112 face crops from the packages fetch.sh downloaded: the calibration set and the held-out
verification set, disjoint by identity.

Faces are found with the detector and landmark models of faceplugin-face-recognition-js (the package of the bundled
embedder) and aligned to the ArcFace 112x112 template by a least-squares similarity from five points, as
faceembed's FaceAligner does. Crops are BGR uint8 arrays (OpenCV's order)."""
import hashlib
import io
import tarfile
import zipfile
from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort

# sha256 of the portraits inside the wheels (a wheel's own bytes depend on the platform tag served).
ASTRONAUT = ('scikit_image-0.26.0-', 'skimage/data/astronaut.png',
             '88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5')
GRACE_HOPPER = ('matplotlib-3.11.2-', 'matplotlib/mpl-data/sample_data/grace_hopper.jpg',
                'a8ca6d734765703b09728ab47fe59f473d93ae3967fc24c7c0288c3c7adb7130')
DLIB = 'dlib_19.24+dfsg.orig.tar.bz2'
FACEPLUGIN = 'faceplugin-face-recognition-js-0.0.1.tgz'
FACEAPI = 'vladmandic-face-api-1.7.15.tgz'
ARCFACE_TEMPLATE = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366],
                             [41.5493, 92.3655], [70.7299, 92.2041]])


def _decode(data):
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)


def _tar_members(path, wanted):
    """{member name: bytes} of the members for which wanted(name) holds, in name order."""
    with tarfile.open(path) as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and wanted(m.name)), key=lambda m: m.name)
        return {m.name: tar.extractfile(m).read() for m in members}


def _wheel_file(cache, spec):
    prefix, member, sha = spec
    wheel = next(iter(sorted((cache / 'wheels').glob(prefix + '*.whl'))))
    data = zipfile.ZipFile(wheel).read(member)
    if hashlib.sha256(data).hexdigest() != sha:
        raise SystemExit(f'{wheel.name}:{member} has the wrong sha256')
    return data


class FaceFinder:
    """The faceplugin detector (RFB-320: B,G,R planes of the photo at 320x240, (v - 127) / 128) and its 68-point
    landmark model (64x64 grey crop of the square face box, / 256; points relative to the box)."""

    def __init__(self, cache):
        models = _tar_members(cache / FACEPLUGIN, lambda n: n in ('package/model/fr_detect.onnx',
                                                                  'package/model/fr_landmark.onnx'))
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        self.detector = ort.InferenceSession(models['package/model/fr_detect.onnx'], options)
        self.landmarker = ort.InferenceSession(models['package/model/fr_landmark.onnx'], options)

    def boxes(self, bgr, min_score, min_height):
        """Square face boxes (x1, y1, x2, y2) in pixels, best score first, after non-maximum suppression."""
        h, w = bgr.shape[:2]
        x = (cv2.resize(bgr, (320, 240)).astype(np.float32) - 127) / 128
        scores, boxes = self.detector.run(None, {'input': x.transpose(2, 0, 1)[None]})
        scores = scores[0, :, 1]
        boxes = np.clip(boxes[0], 0, 1) * [w, h, w, h]
        keep = []
        for i in np.argsort(-scores, kind='stable'):
            if scores[i] < min_score:
                break
            if all(_iou(boxes[i], boxes[k]) < 0.4 for k in keep):
                keep.append(i)
        squares = []
        for i in keep:
            x1, y1, x2, y2 = boxes[i]
            side = y2 - y1
            if side < min_height:
                continue
            cx = (x1 + x2) / 2
            squares.append((max(cx - side / 2, 0), y1, min(cx + side / 2, w - 1), y2))
        return squares

    def five_points(self, bgr, box):
        """Eye centres, nose tip and mouth corners from the 68 landmarks (iBUG order) of the face in box."""
        x1, y1, x2, y2 = (int(v) for v in box)
        crop = cv2.resize(bgr[y1:y2, x1:x2], (64, 64))
        grey = cv2.cvtColor(crop[:, :, ::-1], cv2.COLOR_BGR2GRAY)  # the JS wrapper's weights: .299 B .587 G .114 R
        out = self.landmarker.run(None, {'input': (grey.astype(np.float32) / 256)[None, None]})[0]
        points = out.reshape(68, 2) * [x2 - x1, y2 - y1] + [x1, y1]
        return np.array([points[36:42].mean(0), points[42:48].mean(0), points[30], points[48], points[54]])


def _iou(a, b):
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter + 1e-9)


def align(bgr, points):
    """The 112x112 crop whose five points best match the ArcFace template (least-squares similarity, bilinear)."""
    src_mean, dst_mean = points.mean(0), ARCFACE_TEMPLATE.mean(0)
    src, dst = points - src_mean, ARCFACE_TEMPLATE - dst_mean
    u, s, vt = np.linalg.svd(dst.T @ src)
    d = np.diag([1.0, np.sign(np.linalg.det(u @ vt))])
    rotation = u @ d @ vt
    scale = (s * np.diag(d)).sum() / (src ** 2).sum()
    matrix = np.hstack([scale * rotation, (dst_mean - scale * rotation @ src_mean)[:, None]])
    return cv2.warpAffine(bgr, matrix, (112, 112), flags=cv2.INTER_LINEAR, borderValue=0)


def calibration_crops(cache, finder):
    """Every face (score >= 0.9, at least 32 px high) in photos of people who are not in the held-out set: the demo
    photos of @vladmandic/face-api, dlib's examples/faces (PASCAL VOC photos; not bald_guys.jpg, whose four people
    are kept out of everything, nor dogs.jpg), and the two public-domain portraits in scikit-image and matplotlib."""
    photos = _tar_members(cache / FACEAPI, lambda n: n.startswith('package/demo/sample') and n.endswith('.jpg'))
    photos.update(_tar_members(cache / DLIB, lambda n: '/examples/faces/' in n and n.endswith('.jpg')
                               and not n.endswith(('bald_guys.jpg', 'dogs.jpg'))))
    photos['astronaut.png'] = _wheel_file(cache, ASTRONAUT)
    photos['grace_hopper.jpg'] = _wheel_file(cache, GRACE_HOPPER)
    crops, names = [], []
    for name, data in photos.items():
        bgr = _decode(data)
        for k, box in enumerate(finder.boxes(bgr, 0.9, 32)):
            crops.append(align(bgr, finder.five_points(bgr, box)))
            names.append(f'{Path(name).stem}-{k}')
    return crops, names


def heldout_crops(cache, finder):
    """dlib's examples/johns: 5 people x 11 photos (150x150 chips), the best face of each, with the person's name."""
    photos = _tar_members(cache / DLIB, lambda n: '/examples/johns/' in n and n.endswith('.jpg'))
    crops, people, names = [], [], []
    for name, data in photos.items():
        bgr = _decode(data)
        box = finder.boxes(bgr, 0.5, 16)[0]
        crops.append(align(bgr, finder.five_points(bgr, box)))
        people.append(Path(name).parent.name)
        names.append(Path(name).stem)
    return crops, people, names


def to_nchw(crops, channel_order='BGR'):
    """float32 N x 3 x 112 x 112 as the bundled model takes it: (pixel - 127.5) / 127.5, planes in channel_order."""
    x = np.stack(crops).astype(np.float32)
    if channel_order == 'RGB':
        x = x[..., ::-1]
    return np.ascontiguousarray(((x - 127.5) / 127.5).transpose(0, 3, 1, 2))
