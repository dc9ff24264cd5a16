// Run by examples/pom.xml after this example's build: the dependency tree of an application with the single
// dependency faceembed-core holds ONNX Runtime for this platform from faceembed, and not Microsoft's 75 MB jar.
def os = System.getProperty('os.name').toLowerCase()
def arch = System.getProperty('os.arch') in ['amd64', 'x86_64'] ? 'x86_64' : 'aarch_64'
def classifier = (os.startsWith('mac') ? 'osx' : 'linux') + '-' + arch
def log = new File(basedir, 'build.log').text
def tree = log.readLines().findAll { it.contains('dev.faceembed:') || it.contains('com.microsoft.onnxruntime') }
println 'dependency tree of hello-embed (faceembed and ONNX Runtime entries):'
tree.each { println '  ' + it }
assert log.contains('dev.faceembed:faceembed-core:jar:')
assert log.contains("dev.faceembed:faceembed-onnxruntime-natives:jar:${classifier}:")
assert !log.contains('com.microsoft.onnxruntime')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
return true
