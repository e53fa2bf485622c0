// The few ONNX messages mecbench reads and writes (field numbers from onnx/onnx.proto3; protobufjs
// skips every other field when decoding), the codec loaded on first use, and the plain-object shapes
// of the decoded messages. src/nn/onnx.ts exports and imports MLPs with them.
import { createRequire } from "node:module";
import type { Type } from "protobufjs";

const ONNX_SCHEMA = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1; int32 type = 20; float f = 2; int64 i = 3; bytes s = 4;
  repeated float floats = 7; repeated int64 ints = 8;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; string doc_string = 3; }
message NodeProto {
  repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4;
  string domain = 7; repeated AttributeProto attribute = 5; string doc_string = 6;
}
message StringStringEntryProto { string key = 1; string value = 2; }
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
message ModelProto {
  int64 ir_version = 1; repeated OperatorSetIdProto opset_import = 8; string producer_name = 2;
  string producer_version = 3; string domain = 4; int64 model_version = 5; string doc_string = 6;
  GraphProto graph = 7; repeated StringStringEntryProto metadata_props = 14;
}
message GraphProto {
  repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5;
  string doc_string = 10; repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1; int32 data_type = 2;
  repeated float float_data = 4 [packed = true]; repeated double double_data = 10 [packed = true];
  string name = 8; bytes raw_data = 9; repeated StringStringEntryProto external_data = 13;
  int32 data_location = 14;
}
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
`;

// protobufjs (and parsing the schema) is loaded on the first ONNX read or write, not when this
// module is imported: every command imports it through the policy registry, few use it, and
// loading it is a measurable part of `mecbench`'s start-up. require() keeps the API synchronous.
let modelProtoType: Type | undefined;

export function modelProto(): Type {
  if (!modelProtoType) {
    const protobuf = createRequire(import.meta.url)("protobufjs") as typeof import("protobufjs");
    modelProtoType = protobuf.parse(ONNX_SCHEMA, { keepCase: true }).root.lookupType("onnx.ModelProto");
  }
  return modelProtoType;
}

export const FLOAT = 1;
export const DOUBLE = 11;
export const ATTR_INT = 2;
export const DTYPE_NAMES: Record<number, string> = {
  1: "FLOAT", 2: "UINT8", 3: "INT8", 4: "UINT16", 5: "INT16", 6: "INT32", 7: "INT64", 8: "STRING",
  9: "BOOL", 10: "FLOAT16", 11: "DOUBLE", 12: "UINT32", 13: "UINT64", 16: "BFLOAT16",
};

// Plain-object shapes of the decoded messages (toObject with keepCase, longs as numbers).
export interface Dim { dim_value?: number; dim_param?: string }
export interface ValueInfo { name?: string; type?: { tensor_type?: { elem_type?: number; shape?: { dim?: Dim[] } } } }
export interface Attribute { name?: string; type?: number; f?: number; i?: number }
export interface Node { input?: string[]; output?: string[]; name?: string; op_type?: string; domain?: string; attribute?: Attribute[] }
export interface Tensor {
  name?: string; dims?: number[]; data_type?: number; float_data?: number[]; double_data?: number[];
  raw_data?: Uint8Array; data_location?: number;
}
export interface Graph { node?: Node[]; initializer?: Tensor[]; input?: ValueInfo[]; output?: ValueInfo[] }
export interface Model {
  ir_version?: number; opset_import?: { domain?: string; version?: number }[]; graph?: Graph;
  metadata_props?: { key?: string; value?: string }[];
}
