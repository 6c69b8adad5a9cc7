// Registers every family's block kinds and architectures (imported once by the lib's index).
import '../families/vit.ts';
import '../families/bert.ts';
import '../families/resnet.ts';
import '../families/mobilenet.ts';
import '../families/efficientnet.ts';
